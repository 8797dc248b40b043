// Mistake: a spawned task borrowing a local variable: the task may outlive the function.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let greeting = String::from("good night");
    let task = tokio::spawn(async { greeting.len() }); //~ ERROR E0373
    assert_eq!(task.await.unwrap(), 10);
}
