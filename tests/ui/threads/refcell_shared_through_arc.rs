// Mistake: a `RefCell` shared by two threads through an `Arc`. `Arc` shares the pointer; the
// `RefCell` inside checks its borrows without a lock, which two threads would race on.
use std::cell::RefCell;
use std::sync::Arc;

fn main() {
    let tally = Arc::new(RefCell::new(0));
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let tally = Arc::clone(&tally);
            std::thread::spawn(move || *tally.borrow_mut() += 1) //~ ERROR not `Sync`
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    println!("{}", tally.borrow());
}
