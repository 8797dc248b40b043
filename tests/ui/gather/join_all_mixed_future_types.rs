// Mistake: putting two different async fns' futures in one Vec for join_all, as one would
// put two coroutines in one list for asyncio.gather. Each async fn has a future type of its own.
use futures::future::join_all;

async fn find_users(n: usize) -> usize {
    n
}

async fn find_admins(n: usize) -> usize {
    n
}

async fn find_all() -> Vec<usize> {
    let lookups = vec![find_users(3), find_admins(1)]; //~ ERROR E0308
    join_all(lookups).await
}

fn main() {
    let _ = find_all();
}
