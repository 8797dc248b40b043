//! The code an exercise gives stays the instructor's.
//!
//! An exercise file holds more than the student's part: the types, helpers and constants the
//! tests work with (the user directory whose `find_users` notes what happened and when, the
//! `Counts` a test compares, a `Log`). Changed, they could make a wrong answer pass: a
//! directory that notes made-up times, a `PartialEq` that says yes to everything. So every item
//! of the released stub that the student does not write (one with no `todo!()` in it) must be
//! in the student's file with the same tokens: formatting and comments may differ, nothing
//! else. The student adds what they like beside it (helpers, imports). An exercise whose file
//! changed what it was given is flagged for the instructor, and graded no further.
//!
//! The comparison is by item, parsed with `syn`: `struct Directory`, `impl Directory`,
//! `impl Default for Directory`, `const ROUND`, ... Same tokens are not yet the same meaning:
//! a name in the given code means what the module's imports and items make it mean. So the
//! given imports must still be there (the student may add to them, or regroup them), and
//! nothing the student adds may bring in a name the given code uses (`mod std`, `fn sleep`,
//! `macro_rules! vec`, `use my::Vec`), nor a glob import of the student's own making
//! (`use self::fake::*`), which would shadow the prelude. A file that does not parse is left
//! to the compiler, whose errors say more.

use quote::ToTokens;

/// One given item that the student's file no longer has as given.
#[derive(Debug, PartialEq, Eq)]
pub struct Changed {
    /// The item, as a reader names it (`impl Directory`, `struct Counts`).
    pub item: String,
    /// Where the student's file has an item of that name (1-based), or 0 if it has none.
    pub line: usize,
}

/// The items of `stub` (the released file) that `student` changed or removed.
pub fn changed(stub: &str, student: &str) -> Vec<Changed> {
    let (Ok(stub), Ok(student)) = (syn::parse_file(stub), syn::parse_file(student)) else {
        return Vec::new();
    };
    let mine: Vec<(String, String, usize)> = student
        .items
        .iter()
        .filter_map(|item| name(item).map(|n| (n, tokens(item), line(item))))
        .collect();
    let mut changed = Vec::new();
    // The names the given code uses, and the imports it was given.
    let mut used = std::collections::BTreeSet::new();
    let mut given_names = std::collections::BTreeSet::new();
    let mut given_imports = std::collections::BTreeSet::new();
    for item in &stub.items {
        match item {
            syn::Item::Use(u) => given_imports.extend(imports(&u.tree, String::new())),
            _ => {
                if let Some(n) = name(item) {
                    given_names.insert(n);
                }
                if !tokens(item).contains("todo !") {
                    idents(item.to_token_stream(), &mut used);
                }
            }
        }
    }
    let own = own_items(&student, &given_names);
    let mut student_imports = std::collections::BTreeSet::new();
    for item in &student.items {
        if let syn::Item::Use(u) = item {
            let leaves = imports(&u.tree, String::new());
            for leaf in &leaves {
                let added = !given_imports.contains(leaf);
                let root = leaf.split("::").next().unwrap_or_default();
                let own_glob = leaf.ends_with("::*")
                    && (["self", "super", "crate"].contains(&root)
                        || own.iter().any(|o| o == root));
                let binding = leaf.rsplit([' ', ':']).next().unwrap_or_default();
                if added && (own_glob || used.contains(binding)) {
                    changed.push(Changed {
                        item: format!("use {leaf}"),
                        line: line(item),
                    });
                }
            }
            student_imports.extend(leaves);
        } else if let Some(n) = name(item)
            && !given_names.contains(&n)
            && let Some(binding) = n.split_whitespace().nth(1)
            && used.contains(binding.trim_end_matches('!'))
            && !n.starts_with("impl ")
        {
            changed.push(Changed {
                item: n,
                line: line(item),
            });
        }
    }
    for import in given_imports.difference(&student_imports) {
        changed.push(Changed {
            item: format!("use {import}"),
            line: 0,
        });
    }
    for item in &stub.items {
        let Some(given) = name(item) else {
            continue;
        };
        let text = tokens(item);
        if text.contains("todo !") {
            continue; // the student's to write
        }
        let same_name: Vec<&(String, String, usize)> =
            mine.iter().filter(|(n, _, _)| *n == given).collect();
        if !same_name.iter().any(|(_, t, _)| *t == text) {
            changed.push(Changed {
                item: given,
                line: same_name.first().map_or(0, |(_, _, l)| *l),
            });
        }
    }
    changed
}

/// The item's tokens, without what does not change its meaning: doc comments (`#[doc]`
/// attributes) and a trailing comma before a closing bracket.
/// The names of the student's own top-level items (not in the stub).
fn own_items(student: &syn::File, given: &std::collections::BTreeSet<String>) -> Vec<String> {
    student
        .items
        .iter()
        .filter_map(name)
        .filter(|n| !given.contains(n))
        .filter_map(|n| n.split_whitespace().nth(1).map(String::from))
        .collect()
}

/// The leaves of a `use` tree: `std::time::Duration`, `tokio::time::sleep as nap`,
/// `futures::prelude::*`.
fn imports(tree: &syn::UseTree, prefix: String) -> Vec<String> {
    match tree {
        syn::UseTree::Path(p) => imports(&p.tree, format!("{prefix}{}::", p.ident)),
        syn::UseTree::Name(n) => vec![format!("{prefix}{}", n.ident)],
        syn::UseTree::Rename(r) => vec![format!("{prefix}{} as {}", r.ident, r.rename)],
        syn::UseTree::Glob(_) => vec![format!("{prefix}*")],
        syn::UseTree::Group(g) => g
            .items
            .iter()
            .flat_map(|t| imports(t, prefix.clone()))
            .collect(),
    }
}

/// Every identifier in `stream`.
fn idents(stream: proc_macro2::TokenStream, out: &mut std::collections::BTreeSet<String>) {
    for tree in stream {
        match tree {
            proc_macro2::TokenTree::Ident(i) => {
                out.insert(i.to_string());
            }
            proc_macro2::TokenTree::Group(g) => idents(g.stream(), out),
            _ => {}
        }
    }
}

fn tokens(item: &syn::Item) -> String {
    let mut out = Vec::new();
    flatten(item.to_token_stream(), &mut out);
    out.join(" ")
}

fn flatten(stream: proc_macro2::TokenStream, out: &mut Vec<String>) {
    use proc_macro2::{Delimiter, TokenTree};
    let trees: Vec<TokenTree> = stream.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        if let TokenTree::Punct(hash) = &trees[i]
            && hash.as_char() == '#'
        {
            let mut next = i + 1;
            if let Some(TokenTree::Punct(bang)) = trees.get(next)
                && bang.as_char() == '!'
            {
                next += 1;
            }
            if let Some(TokenTree::Group(attr)) = trees.get(next)
                && attr.delimiter() == Delimiter::Bracket
                && attr
                    .stream()
                    .into_iter()
                    .next()
                    .is_some_and(|t| matches!(&t, TokenTree::Ident(id) if id == "doc"))
            {
                i = next + 1;
                continue;
            }
        }
        match &trees[i] {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                let mut inner = Vec::new();
                flatten(group.stream(), &mut inner);
                if inner.last().is_some_and(|t| t == ",") {
                    inner.pop();
                }
                out.push(open.to_string());
                out.extend(inner);
                out.push(close.to_string());
            }
            other => out.push(other.to_string()),
        }
        i += 1;
    }
}

fn line(item: &syn::Item) -> usize {
    use syn::spanned::Spanned;
    item.span().start().line
}

/// How a reader names a top-level item; `None` for items that are nobody's to keep (`use`).
fn name(item: &syn::Item) -> Option<String> {
    let tokens = |t: &dyn ToTokens| t.to_token_stream().to_string();
    Some(match item {
        syn::Item::Struct(i) => format!("struct {}", i.ident),
        syn::Item::Enum(i) => format!("enum {}", i.ident),
        syn::Item::Union(i) => format!("union {}", i.ident),
        syn::Item::Type(i) => format!("type {}", i.ident),
        syn::Item::Const(i) => format!("const {}", i.ident),
        syn::Item::Static(i) => format!("static {}", i.ident),
        syn::Item::Fn(i) => format!("fn {}", i.sig.ident),
        syn::Item::Trait(i) => format!("trait {}", i.ident),
        syn::Item::Mod(i) => format!("mod {}", i.ident),
        syn::Item::Macro(i) => match &i.ident {
            Some(ident) => format!("macro {ident}"),
            None => format!("{}!", tokens(&i.mac.path)),
        },
        syn::Item::Impl(i) => match &i.trait_ {
            Some((path, _)) => format!("impl {} for {}", tokens(path), tokens(&i.self_ty)),
            None => format!("impl {}", tokens(&i.self_ty)),
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const STUB: &str = r#"
use std::time::Duration;

/// Given.
pub const ROUND: Duration = Duration::from_secs(1);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    pub polls: usize,
}

impl Directory {
    pub async fn find_users(&self, n: u32) -> u32 {
        sleep(ROUND).await;
        n
    }
}

// TODO: write it.
pub async fn gather(dir: &Directory) -> u32 {
    todo!()
}
"#;

    #[test]
    fn an_answer_with_its_own_helpers_and_formatting_changes_nothing_given() {
        let answer = r#"
use std::time::Duration;
use futures::future::join_all;

pub const ROUND: Duration = Duration::from_secs( 1 ); // reformatted, commented

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts { pub polls: usize }

impl Directory {
    pub async fn find_users(&self, n: u32) -> u32 {
        sleep(ROUND).await;
        n
    }
}

fn helper() -> u32 { 3 }

pub async fn gather(dir: &Directory) -> u32 {
    dir.find_users(helper()).await
}
"#;
        assert_eq!(changed(STUB, answer), []);
    }

    #[test]
    fn a_changed_helper_a_changed_derive_and_a_removed_constant_are_found() {
        let answer = r#"
#[derive(Clone, Copy, Debug, Eq)]
pub struct Counts {
    pub polls: usize,
}

impl PartialEq for Counts {
    fn eq(&self, _: &Self) -> bool { true }
}

impl Directory {
    pub async fn find_users(&self, n: u32) -> u32 {
        n
    }
}

pub async fn gather(dir: &Directory) -> u32 {
    dir.find_users(3).await
}
"#;
        assert_eq!(
            changed(STUB, answer),
            [
                Changed {
                    item: "use std::time::Duration".into(),
                    line: 0
                },
                Changed {
                    item: "const ROUND".into(),
                    line: 0
                },
                Changed {
                    item: "struct Counts".into(),
                    line: 2
                },
                Changed {
                    item: "impl Directory".into(),
                    line: 11
                },
            ]
        );
    }

    /// The given code's names keep their meaning: no item, import or glob of the student's
    /// may bring in a name it uses, and the given imports stay.
    #[test]
    fn shadowing_a_name_the_given_code_uses_is_found() {
        let stub = "use std::time::Duration;\nuse tokio::time::sleep;\n\nimpl Directory {\n    pub async fn find_users(&self) -> Vec<u32> {\n        sleep(Duration::from_secs(1)).await;\n        vec![1]\n    }\n}\n\npub async fn gather() {\n    todo!()\n}\n";
        let given_part = "impl Directory {\n    pub async fn find_users(&self) -> Vec<u32> {\n        sleep(Duration::from_secs(1)).await;\n        vec![1]\n    }\n}\n\npub async fn gather() {}\n";
        let with = |head: &str| format!("{head}\n{given_part}");
        let found = |head: &str| {
            changed(stub, &with(head))
                .into_iter()
                .map(|c| c.item)
                .collect::<Vec<_>>()
        };
        let imports = "use std::time::Duration;\nuse tokio::time::sleep;\n";
        // Honest: more imports, regrouped, from outside.
        assert_eq!(
            found(
                "use std::{collections::HashMap, time::Duration};\nuse tokio::time::{sleep, timeout};\nuse futures::prelude::*;\nfn helper() {}"
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            found("use std::time::Duration;"),
            ["use tokio::time::sleep"]
        );
        assert_eq!(
            found(&format!(
                "{imports}macro_rules! vec {{ ($($t:tt)*) => {{ Vec::new() }} }}"
            )),
            ["macro vec"]
        );
        assert_eq!(
            found(&format!(
                "{imports}use my::Vec;\nmod my {{ pub type Vec<T> = std::vec::Vec<T>; }}"
            )),
            ["use my::Vec"]
        );
        assert_eq!(
            found(&format!("{imports}use self::fake::*;\nmod fake {{}}")),
            ["use self::fake::*"]
        );
        assert_eq!(
            found("use std::time::Duration;\nasync fn sleep(_: Duration) {}"),
            ["fn sleep", "use tokio::time::sleep"]
        );
    }

    #[test]
    fn a_file_that_does_not_parse_is_left_to_the_compiler() {
        assert_eq!(changed(STUB, "pub fn broken( {"), []);
    }
}

/// Whether `student` is the reference solution `reference` apart from comments (doc comments
/// included), whitespace and formatting: the same tokens. For the instructor's eyes only: it
/// changes no grade.
pub fn same_as_reference(student: &str, reference: &str) -> bool {
    match (normalized(student), normalized(reference)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// The tokens of `source` without doc attributes, one space apart; `None` if it does not lex.
fn normalized(source: &str) -> Option<String> {
    use proc_macro2::{TokenStream, TokenTree};
    fn walk(stream: TokenStream, out: &mut Vec<String>) {
        let tokens: Vec<TokenTree> = stream.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            // `#[doc = ...]` and `#![doc = ...]`: what `///` and `//!` comments become.
            if let TokenTree::Punct(p) = &tokens[i]
                && p.as_char() == '#'
            {
                let bang =
                    matches!(tokens.get(i + 1), Some(TokenTree::Punct(b)) if b.as_char() == '!');
                let at = if bang { i + 2 } else { i + 1 };
                if let Some(TokenTree::Group(g)) = tokens.get(at)
                    && g.delimiter() == proc_macro2::Delimiter::Bracket
                    && matches!(g.stream().into_iter().next(), Some(TokenTree::Ident(id)) if id == "doc")
                {
                    i = at + 1;
                    continue;
                }
            }
            match &tokens[i] {
                TokenTree::Group(g) => {
                    let (open, close) = match g.delimiter() {
                        proc_macro2::Delimiter::Parenthesis => ("(", ")"),
                        proc_macro2::Delimiter::Brace => ("{", "}"),
                        proc_macro2::Delimiter::Bracket => ("[", "]"),
                        proc_macro2::Delimiter::None => ("", ""),
                    };
                    out.push(open.into());
                    walk(g.stream(), out);
                    out.push(close.into());
                }
                other => out.push(other.to_string()),
            }
            i += 1;
        }
    }
    let stream: TokenStream = source.parse().ok()?;
    let mut out = Vec::new();
    walk(stream, &mut out);
    Some(out.join(" "))
}

#[cfg(test)]
mod reference_tests {
    use super::same_as_reference;

    #[test]
    fn comments_and_layout_do_not_count_but_code_does() {
        let reference = "/// Adds.\nfn add(a: u32, b: u32) -> u32 {\n    // BEGIN SOLUTION\n    a + b\n    // END SOLUTION\n}\n";
        assert!(same_as_reference(
            "fn add(a:u32,b:u32)->u32{a+b}",
            reference
        ));
        assert!(same_as_reference(
            "//! Mine.\n/* note */ fn add(a: u32, b: u32) -> u32 { a + b }",
            reference
        ));
        assert!(!same_as_reference(
            "fn add(x: u32, b: u32) -> u32 { x + b }",
            reference
        ));
        assert!(!same_as_reference(
            "fn add(a: u32, b: u32) -> u32 { b + a }",
            reference
        ));
        assert!(!same_as_reference(
            "fn add(a: u32, b: u32) -> u32 { a + b",
            reference
        ));
    }
}
