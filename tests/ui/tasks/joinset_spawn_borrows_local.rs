// Mistake: tasks of a `JoinSet` (Python's `TaskGroup`) that borrow a local list of names.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let names = vec![String::from("bora"), String::from("jin")];
    let mut group = tokio::task::JoinSet::new();
    for name in &names { //~ ERROR `names` does not live long enough
        group.spawn(async move { name.len() });
    }
    while let Some(length) = group.join_next().await {
        println!("{}", length.unwrap());
    }
}
