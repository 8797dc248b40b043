// Mistake: an `Rc` moved into `std::thread::spawn`. Python shares any object with any thread;
// Rust asks whether the type may cross, and `Rc` may not.
use std::rc::Rc;

fn main() {
    let names = Rc::new(vec!["bora", "jin"]);
    let worker = std::thread::spawn(move || names.len()); //~ ERROR not `Send`
    println!("{}", worker.join().unwrap());
}
