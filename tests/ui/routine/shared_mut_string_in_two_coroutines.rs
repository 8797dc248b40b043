// Mistake: porting Python's shared `out` list as one `&mut String` handed to two coroutines.
// Both coroutines live at the same time, so both would hold the only mutable borrow.

async fn do_async(n: u32, out: &mut String) {
    for _ in 0..10 {
        out.push_str(&n.to_string());
        tokio::task::yield_now().await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut out = String::new();
    tokio::join!(do_async(5, &mut out), do_async(7, &mut out)); //~ ERROR E0499
    println!("{out}");
}
