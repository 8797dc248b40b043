//! This package holds only tests: see `compile_fail.rs` and `ui/`.
