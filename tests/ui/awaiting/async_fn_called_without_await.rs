// Mistake: calling an async fn like a Python function and forgetting `.await`: nothing runs.
#![deny(unused_must_use)]

async fn do_asyncs(n: u32) {
    println!("{}", n.to_string().repeat(10));
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    do_asyncs(5); //~ ERROR unused implementer of `Future` that must be used
}
