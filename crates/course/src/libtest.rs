//! Reading what libtest (the standard test runner) prints.
//!
//! Only messages are read from it: neither `check` nor the grader decides a pass from output,
//! which student code can print too; the exit status (and, in grading, the marker) decides.

/// The panic message in the output of a test run with `--nocapture` (the panic is printed as
/// it happens): the `thread '..' panicked at` line and the message lines after it.
pub fn panic_message(output: &str) -> String {
    let mut lines = output.lines().skip_while(|l| {
        !(l.contains("' panicked at ") || (l.contains("' (") && l.contains(") panicked at ")))
    });
    let Some(first) = lines.next() else {
        return String::new();
    };
    let mut message = vec![first];
    for line in lines {
        if line.trim().is_empty()
            || line.starts_with("note: ")
            || line.starts_with("test ")
            || line.starts_with("failures:")
        {
            break;
        }
        message.push(line);
    }
    normalize(&message.join("\n"))
}

/// What a single test's process printed, without libtest's own lines around it: the
/// student's prints and the panic.
pub fn test_output(output: &str, name: &str) -> String {
    let prefix = format!("test {name} ... ");
    let mut kept = Vec::new();
    for line in output.lines() {
        let line = line.strip_prefix(&prefix).unwrap_or(line);
        let own = line == "running 1 test"
            || line.starts_with("test result: ")
            || line == "failures:"
            || line == format!("    {name}")
            || line == "FAILED"
            || line == "ok"
            || line.is_empty();
        if !own {
            kept.push(line);
        }
    }
    normalize(&kept.join("\n"))
}

/// Removes what changes from run to run in a test's output: thread ids (`thread 'x' (1234)
/// panicked`), timings (`finished in 0.01s`) and the backtrace note.
pub fn normalize(text: &str) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with("note: run with `RUST_BACKTRACE") || line.contains("finished in ") {
            continue;
        }
        out.push(strip_thread_id(line));
    }
    out.join("\n").trim().to_string()
}

fn strip_thread_id(line: &str) -> String {
    // `thread 'name' (12345) panicked at ...` -> `thread 'name' panicked at ...`
    if let Some(open) = line.find("' (") {
        let after = &line[open + 3..];
        if let Some(close) = after
            .find(')')
            .filter(|&c| c > 0 && after[..c].chars().all(|ch| ch.is_ascii_digit()))
        {
            return format!("{}'{}", &line[..open], &after[close + 1..]);
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_printed_as_they_happen() {
        let out = "running 1 test\nflood\nthread 'b' (77) panicked at tests/x.rs:3:5:\nboom\nnote: run with `RUST_BACKTRACE=1`\ntest b ... FAILED\n";
        assert_eq!(
            panic_message(out),
            "thread 'b' panicked at tests/x.rs:3:5:\nboom"
        );
        assert_eq!(panic_message("no panic here"), "");
    }
}
