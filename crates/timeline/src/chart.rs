//! The terminal picture: one row per task, one column per moment.
//!
//! `█` the task held the thread (it was being polled), `·` it was alive but waiting, blank it had
//! not started or had finished. When time moved (50 ms or more), columns are equal steps of time and a
//! scale runs underneath; when it did not (every poll at the same instant, as in a demo with no
//! sleeps), columns are turns: one column per poll, in the order the polls happened.

use std::time::Duration;

use crate::Span;

/// Below this much time, a chart counts turns: a real clock's microseconds say nothing.
pub(crate) const MIN_STEP: Duration = Duration::from_millis(50);

/// Widest chart in turns, in columns of cells.
const MAX_COLUMNS: usize = 60;
/// Widest chart in time: few enough columns that one second stays readable.
const MAX_TIME_COLUMNS: usize = 32;

pub(crate) fn render(tasks: &[String], spans: &[Span]) -> String {
    if spans.is_empty() {
        return String::new();
    }
    let total = spans.iter().map(|s| s.to).max().unwrap_or_default();
    let width = tasks.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    if total < MIN_STEP {
        let shown = &spans[..spans.len().min(MAX_COLUMNS)];
        for task in tasks {
            let mine: Vec<usize> = shown
                .iter()
                .enumerate()
                .filter(|(_, s)| &s.task == task)
                .map(|(i, _)| i)
                .collect();
            let row: String = (0..shown.len())
                .map(|i| cell(mine.contains(&i), alive(&mine, i)))
                .collect();
            out.push_str(&format!("{task:>width$} │{row}\n"));
        }
        let more = if spans.len() > shown.len() {
            format!(" (+{})", spans.len() - shown.len())
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{:>width$} └{}▶ turns{more}\n",
            "",
            "─".repeat(shown.len())
        ));
        return out;
    }
    let step = step_for(total);
    let columns = (total.as_nanos() / step.as_nanos()) as usize + 1;
    for task in tasks {
        let mine: Vec<&Span> = spans.iter().filter(|s| &s.task == task).collect();
        let row: String = (0..columns)
            .map(|k| {
                let (lo, hi) = (step * k as u32, step * (k as u32 + 1));
                let held = mine.iter().any(|s| {
                    if s.from == s.to {
                        s.from >= lo && s.from < hi
                    } else {
                        s.from < hi && s.to > lo
                    }
                });
                let waiting = match (mine.first(), mine.last()) {
                    (Some(first), Some(last)) => first.from < hi && last.to > lo,
                    _ => false,
                };
                cell(held, waiting)
            })
            .collect();
        out.push_str(&format!("{task:>width$} │{row}\n"));
    }
    out.push_str(&format!("{:>width$} └{}▶\n", "", "─".repeat(columns)));
    out.push_str(&format!("{:>width$}  {}\n", "", scale(step, columns)));
    out
}

fn cell(held: bool, waiting: bool) -> char {
    if held {
        '█'
    } else if waiting {
        '·'
    } else {
        ' '
    }
}

/// Whether turn `i` falls between a task's first and last turn.
fn alive(mine: &[usize], i: usize) -> bool {
    matches!((mine.first(), mine.last()), (Some(&a), Some(&b)) if a <= i && i <= b)
}

/// The smallest round step that fits `total` into the chart's width.
fn step_for(total: Duration) -> Duration {
    const STEPS_MS: [u64; 9] = [50, 100, 250, 500, 1000, 2000, 5000, 10_000, 60_000];
    STEPS_MS
        .iter()
        .map(|&ms| Duration::from_millis(ms))
        .find(|&step| ((total.as_nanos() / step.as_nanos()) as usize) < MAX_TIME_COLUMNS)
        .unwrap_or(Duration::from_secs(60))
}

/// Labels under the axis: `0s` at the first column and one at every whole second that has room.
fn scale(step: Duration, columns: usize) -> String {
    let mut line: Vec<char> = vec![' '; columns + 8];
    let mut next_free = 0;
    for k in 0..columns {
        let at = step * k as u32;
        if at.subsec_nanos() != 0 || k < next_free {
            continue;
        }
        let label = format!("{}s", at.as_secs());
        for (i, c) in label.chars().enumerate() {
            line[k + i] = c;
        }
        next_free = k + label.len() + 1;
    }
    line.into_iter().collect::<String>().trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(task: &str, from_ms: u64, to_ms: u64, order: usize) -> Span {
        Span {
            task: task.into(),
            from: Duration::from_millis(from_ms),
            to: Duration::from_millis(to_ms),
            finished: false,
            order,
        }
    }

    #[test]
    fn turns_when_no_time_passes() {
        let tasks = ["five".to_string(), "seven".to_string()];
        let spans = [
            span("five", 0, 0, 0),
            span("seven", 0, 0, 1),
            span("five", 0, 0, 2),
        ];
        assert_eq!(
            render(&tasks, &spans),
            " five │█·█\nseven │ █ \n      └───▶ turns\n"
        );
    }

    #[test]
    fn time_when_time_passes() {
        let tasks = ["a".to_string(), "b".to_string()];
        // a polled at 0 s and 1 s; b blocks the thread from 1 s to 2 s. 2 s fits in 100 ms steps.
        let spans = [
            span("a", 0, 0, 0),
            span("a", 1000, 1000, 1),
            span("b", 1000, 2000, 2),
        ];
        let chart = render(&tasks, &spans);
        assert_eq!(
            chart,
            concat!(
                "a │█·········█          \n",
                "b │          ██████████ \n",
                "  └─────────────────────▶\n",
                "   0s        1s        2s\n",
            )
        );
    }
}
