//! The book's picture: the same data as the terminal chart, drawn as SVG.
//!
//! Deterministic: the same spans give the same bytes, so the book's pictures are committed files
//! that a test regenerates and compares.

use std::fmt::Write;
use std::time::Duration;

use crate::Span;

const LABEL_WIDTH: f64 = 130.0;
const ROW_HEIGHT: f64 = 28.0;
const TOP: f64 = 40.0;
const PLOT_WIDTH: f64 = 480.0;

pub(crate) fn render(title: &str, tasks: &[String], spans: &[Span]) -> String {
    let total = spans.iter().map(|s| s.to).max().unwrap_or_default();
    let by_turns = total < crate::chart::MIN_STEP;
    // x of a moment: time mode spreads the total over the plot; turn mode gives each poll a slot.
    let slots = spans.len().max(1) as f64;
    let x_time = |d: Duration| LABEL_WIDTH + d.as_secs_f64() / total.as_secs_f64() * PLOT_WIDTH;
    let x_turn = |i: usize| LABEL_WIDTH + i as f64 / slots * PLOT_WIDTH;
    let height = TOP + ROW_HEIGHT * tasks.len() as f64 + 40.0;
    let width = LABEL_WIDTH + PLOT_WIDTH + 30.0;

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="'Noto Sans CJK KR', 'Noto Sans KR', sans-serif" font-size="13">"#
    );
    let _ = writeln!(
        svg,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        svg,
        r##"<text x="10" y="22" font-size="15" font-weight="bold" fill="#222">{}</text>"##,
        escape(title)
    );
    for (row, task) in tasks.iter().enumerate() {
        let y = TOP + ROW_HEIGHT * row as f64;
        let mid = y + ROW_HEIGHT / 2.0;
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#222">{}</text>"##,
            LABEL_WIDTH - 10.0,
            mid + 4.0,
            escape(task)
        );
        let mine: Vec<(usize, &Span)> = spans
            .iter()
            .enumerate()
            .filter(|(_, s)| &s.task == task)
            .collect();
        let (Some(&(first_i, first)), Some(&(last_i, last))) = (mine.first(), mine.last()) else {
            continue;
        };
        // Alive but waiting: a thin gray line from the first poll to the last.
        let (x0, x1) = if by_turns {
            (x_turn(first_i), x_turn(last_i + 1))
        } else {
            (x_time(first.from), x_time(last.to))
        };
        let _ = writeln!(
            svg,
            r##"<line x1="{x0:.1}" y1="{mid:.1}" x2="{x1:.1}" y2="{mid:.1}" stroke="#bbbbbb" stroke-width="2" stroke-dasharray="3 3"/>"##
        );
        // Held the thread: a solid block per poll (at least 4 px wide, so instants show).
        for &(i, s) in &mine {
            let (a, b) = if by_turns {
                (x_turn(i), x_turn(i + 1))
            } else {
                (x_time(s.from), x_time(s.to))
            };
            let w = (b - a).max(4.0);
            let a = if by_turns || b - a >= 4.0 { a } else { a - 2.0 };
            let _ = writeln!(
                svg,
                r##"<rect x="{a:.1}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="#3b6fb6"/>"##,
                y + 6.0,
                ROW_HEIGHT - 12.0
            );
        }
    }
    // The axis: seconds in time mode, turns otherwise.
    let axis_y = TOP + ROW_HEIGHT * tasks.len() as f64 + 6.0;
    let _ = writeln!(
        svg,
        r##"<line x1="{LABEL_WIDTH:.1}" y1="{axis_y:.1}" x2="{:.1}" y2="{axis_y:.1}" stroke="#444"/>"##,
        LABEL_WIDTH + PLOT_WIDTH
    );
    if by_turns {
        let _ = writeln!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#444">turns → ({})</text>"##,
            LABEL_WIDTH + PLOT_WIDTH,
            axis_y + 18.0,
            spans.len()
        );
    } else {
        let whole = total.as_secs_f64().ceil() as u64;
        let every = (whole / 8).max(1);
        for s in (0..=total.as_secs()).step_by(every as usize) {
            let x = x_time(Duration::from_secs(s));
            let _ = writeln!(
                svg,
                r##"<line x1="{x:.1}" y1="{axis_y:.1}" x2="{x:.1}" y2="{:.1}" stroke="#444"/>"##,
                axis_y + 5.0
            );
            let _ = writeln!(
                svg,
                r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#444">{s} s</text>"##,
                axis_y + 19.0
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_spans_same_bytes_and_well_formed() {
        let span = |task: &str, ms: u64, order| Span {
            task: task.into(),
            from: Duration::from_millis(ms),
            to: Duration::from_millis(ms),
            finished: false,
            order,
        };
        let tasks = ["a<b".to_string()];
        let spans = [span("a<b", 0, 0), span("a<b", 1000, 1)];
        let one = render("t & t", &tasks, &spans);
        assert_eq!(one, render("t & t", &tasks, &spans));
        assert!(one.starts_with("<svg ") && one.ends_with("</svg>\n"));
        assert!(one.contains("a&lt;b") && one.contains("t &amp; t"));
        assert_eq!(
            one.matches("<rect").count(),
            1 + 2,
            "background plus one block per poll"
        );
    }
}
