//! The passing twins of `tests/ui/gather/*.rs`: the same code with only the mistake fixed.

// ANCHOR: join_all_mixed_future_types
mod join_all_mixed_future_types {
    use futures::FutureExt;
    use futures::future::join_all;

    async fn find_users(n: usize) -> usize {
        n
    }

    async fn find_admins(n: usize) -> usize {
        n
    }

    async fn find_all() -> Vec<usize> {
        // Fixed: `.boxed()` turns each future into a `Pin<Box<dyn Future<Output = usize> + Send>>`,
        // one type for both. (Or call one async fn with a parameter: one fn, one future type.)
        let lookups = vec![find_users(3).boxed(), find_admins(1).boxed()];
        join_all(lookups).await
    }

    #[tokio::test(flavor = "current_thread")]
    async fn main() {
        assert_eq!(find_all().await, [3, 1]);
    }
}
// ANCHOR_END: join_all_mixed_future_types

// ANCHOR: try_join_mixed_error_types
mod try_join_mixed_error_types {
    use std::num::ParseIntError;

    use futures::TryFutureExt;

    async fn read_config() -> Result<String, std::io::Error> {
        Ok("3".to_string())
    }

    async fn parse_count(text: &str) -> Result<usize, ParseIntError> {
        text.parse()
    }

    async fn load() -> Result<(String, usize), std::io::Error> {
        // Fixed: the parse error is turned into an `io::Error` before try_join! sees it.
        tokio::try_join!(
            read_config(),
            parse_count("3").map_err(std::io::Error::other)
        )
    }

    #[tokio::test(flavor = "current_thread")]
    async fn main() {
        assert_eq!(load().await.unwrap(), ("3".to_string(), 3));
    }
}
// ANCHOR_END: try_join_mixed_error_types

// ANCHOR: join_result_used_as_vec
mod join_result_used_as_vec {
    async fn find_users(n: usize) -> usize {
        n
    }

    async fn find_all() -> Vec<usize> {
        // Fixed: destructure the tuple, one name per future; for a Vec, use join_all.
        let (three, two, one) = tokio::join!(find_users(3), find_users(2), find_users(1));
        vec![three, two, one]
    }

    #[tokio::test(flavor = "current_thread")]
    async fn main() {
        assert_eq!(find_all().await, [3, 2, 1]);
    }
}
// ANCHOR_END: join_result_used_as_vec
