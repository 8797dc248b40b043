// Mistake: `.await` in a plain `fn`, as if it were Python's top-level `await` in a notebook.
async fn do_asyncs(n: u32) -> String {
    n.to_string().repeat(10)
}

fn main() {
    let digits = do_asyncs(5).await; //~ ERROR E0728
    assert_eq!(digits, "5555555555");
}
