//! Every mistake under `ui/<lesson>/` must fail to compile with exactly the message in its
//! `.stderr` file, which the book shows. Regenerate after a toolchain change with
//! `TRYBUILD=overwrite cargo test -p course-tests`, then read the diff.

#[test]
fn learner_mistakes_do_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*/*.rs");
}
