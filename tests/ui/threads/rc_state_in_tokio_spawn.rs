// Mistake: single-threaded state (`Rc<RefCell<_>>`) in a task given to `tokio::spawn` under
// `#[tokio::main]`, whose multi-thread runtime may move a task to another worker at an `.await`.
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

#[tokio::main]
async fn main() {
    let tally = Rc::new(RefCell::new(Vec::new()));
    let writer = Rc::clone(&tally);
    let task = tokio::spawn(async move { //~ ERROR future cannot be sent between threads safely
        tokio::time::sleep(Duration::from_secs(1)).await;
        writer.borrow_mut().push(1);
    });
    task.await.unwrap();
    println!("{:?}", tally.borrow());
}
