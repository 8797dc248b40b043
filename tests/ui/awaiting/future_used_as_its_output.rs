// Mistake: using what an async fn returns as if it were its result: it is a future of it.
async fn count_users(n: u32) -> u32 {
    n
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let found: u32 = count_users(3); //~ ERROR E0308
    assert_eq!(found, 3);
}
