// Mistake: `async fn main` with no runtime to run it (Rust has no built-in event loop).
async fn do_asyncs(n: u32) -> String {
    n.to_string().repeat(10)
}

async fn main() { //~ ERROR E0752
    let digits = do_asyncs(5).await;
    assert_eq!(digits, "5555555555");
}
