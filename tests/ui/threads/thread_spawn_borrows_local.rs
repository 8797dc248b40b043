// Mistake: `std::thread::spawn` given closures that borrow a local list, to sum each half.
fn main() {
    let numbers: Vec<u64> = (1..=100).collect();
    let (left, right) = numbers.split_at(50); //~ ERROR does not live long enough
    let a = std::thread::spawn(|| left.iter().sum::<u64>());
    let b = std::thread::spawn(|| right.iter().sum::<u64>());
    println!("{}", a.join().unwrap() + b.join().unwrap());
}
