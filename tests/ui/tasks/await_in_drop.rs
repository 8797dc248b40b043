// Mistake: `.await` in `Drop`, as Python's `finally: await conn.close()` runs on cancellation.
struct Connection;

impl Connection {
    async fn close(&mut self) {}
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.close().await; //~ ERROR only allowed inside `async`
    }
}

fn main() {
    let _connection = Connection;
}
