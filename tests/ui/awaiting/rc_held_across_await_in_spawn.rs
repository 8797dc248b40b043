// Mistake: an `Rc` alive across `.await` in a task given to `tokio::spawn`, which needs `Send`.
use std::rc::Rc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let task = tokio::spawn(async { //~ ERROR future cannot be sent between threads safely
        let names = Rc::new(vec!["hello", "world"]);
        tokio::task::yield_now().await;
        names.len()
    });
    assert_eq!(task.await.unwrap(), 2);
}
