// Mistake: taking join!'s result for a list, as asyncio.gather returns one. join! returns a
// tuple, one slot per future (each may have its own type); a Vec comes from join_all.
async fn find_users(n: usize) -> usize {
    n
}

async fn find_all() -> Vec<usize> {
    let found: Vec<usize> = tokio::join!(find_users(3), find_users(2), find_users(1)); //~ ERROR E0308
    found
}

fn main() {
    let _ = find_all();
}
