//! The statistics' charts: SVG drawn on the server by `plotters` (text is laid out by its
//! built-in estimate, so no font files are needed; the browser draws the text in its own
//! sans-serif). Each chart has its figures in a table beside it.
use plotters::prelude::*;

use super::{ChildrenRow, GenderRow, ProgrammeRow, CHILDREN_GOAL_PERCENT};

const WIDTH: u32 = 720;
const HEIGHT: u32 = 360;
/// Colours with at least 3:1 contrast against white (WCAG 1.4.11).
const BLUE: RGBColor = RGBColor(0x1f, 0x4e, 0x79);
const ORANGE: RGBColor = RGBColor(0xb3, 0x4a, 0x00);
const GREEN: RGBColor = RGBColor(0x2e, 0x6b, 0x30);
const GREY: RGBColor = RGBColor(0x59, 0x59, 0x59);

fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&BLACK)
}

/// Draws with `draw` into an SVG string; an empty string when there is nothing to show
/// or drawing fails (the table beside still holds every figure).
fn svg(
    draw: impl for<'a, 'b> FnOnce(
        &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
    ) -> Result<(), Box<dyn std::error::Error + 'a>>,
) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        if root.fill(&WHITE).is_err() || draw(&root).is_err() || root.present().is_err() {
            return String::new();
        }
    }
    // The figure's caption names it; the drawing itself is one image to assistive tech.
    out.replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1)
}

/// Applied for and granted, in thousands of kronor, per programme.
pub fn amounts(rows: &[ProgrammeRow]) -> String {
    let rows: Vec<&ProgrammeRow> = rows.iter().filter(|r| r.decided > 0).collect();
    if rows.is_empty() {
        return String::new();
    }
    let top = rows
        .iter()
        .map(|r| r.requested_ore.max(r.granted_ore))
        .max()
        .unwrap_or(0) as f64
        / 100_000.0;
    let names: Vec<String> = rows.iter().map(|r| r.programme.clone()).collect();
    svg(|root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(70)
            .build_cartesian_2d(0f64..rows.len() as f64, 0f64..(top * 1.15).max(1.0))?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(rows.len() * 2 + 1)
            .x_label_formatter(&|x| {
                let centre = x.fract();
                if (centre - 0.5).abs() < 0.01 {
                    names.get(*x as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_desc("Tusen kronor")
            .label_style(font(13))
            .axis_desc_style(font(13))
            .draw()?;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, r)| {
                let x = i as f64;
                Rectangle::new(
                    [
                        (x + 0.15, 0.0),
                        (x + 0.48, r.requested_ore as f64 / 100_000.0),
                    ],
                    GREY.filled(),
                )
            }))?
            .label("Sökt")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], GREY.filled()));
        chart
            .draw_series(rows.iter().enumerate().map(|(i, r)| {
                let x = i as f64;
                Rectangle::new(
                    [
                        (x + 0.52, 0.0),
                        (x + 0.85, r.granted_ore as f64 / 100_000.0),
                    ],
                    BLUE.filled(),
                )
            }))?
            .label("Beviljat")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], BLUE.filled()));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(font(13))
            .draw()?;
        Ok(())
    })
}

/// The children's and youth's share of the granted money per year, with the goal.
pub fn children(rows: &[ChildrenRow]) -> String {
    let mut rows: Vec<&ChildrenRow> = rows.iter().filter(|r| r.granted_ore > 0).collect();
    if rows.is_empty() {
        return String::new();
    }
    rows.reverse();
    let years: Vec<i32> = rows.iter().map(|r| r.year).collect();
    svg(|root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(50)
            .build_cartesian_2d(0f64..rows.len() as f64, 0f64..100f64)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(rows.len() * 2 + 1)
            .x_label_formatter(&|x| {
                if (x.fract() - 0.5).abs() < 0.01 {
                    years
                        .get(*x as usize)
                        .map(|y| y.to_string())
                        .unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| format!("{y:.0} %"))
            .label_style(font(13))
            .draw()?;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, r)| {
                let share = r.permille().unwrap_or(0) as f64 / 10.0;
                Rectangle::new(
                    [(i as f64 + 0.25, 0.0), (i as f64 + 0.75, share)],
                    GREEN.filled(),
                )
            }))?
            .label("Andel till barn och unga")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], GREEN.filled()));
        let goal = f64::from(CHILDREN_GOAL_PERCENT);
        chart
            .draw_series(LineSeries::new(
                [(0.0, goal), (rows.len() as f64, goal)],
                ORANGE.stroke_width(3),
            ))?
            .label(format!("Mål: minst {CHILDREN_GOAL_PERCENT} %"))
            .legend(|(x, y)| PathElement::new([(x, y), (x + 14, y)], ORANGE.stroke_width(3)));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(font(13))
            .draw()?;
        Ok(())
    })
}

/// The planned participants' gender split per year, as stacked bars.
pub fn gender(rows: &[GenderRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut rows: Vec<&GenderRow> = rows.iter().collect();
    rows.reverse();
    let years: Vec<i32> = rows.iter().map(|r| r.year).collect();
    svg(|root| {
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(50)
            .build_cartesian_2d(0f64..rows.len() as f64, 0f64..100f64)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(rows.len() * 2 + 1)
            .x_label_formatter(&|x| {
                if (x.fract() - 0.5).abs() < 0.01 {
                    years
                        .get(*x as usize)
                        .map(|y| y.to_string())
                        .unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| format!("{y:.0} %"))
            .label_style(font(13))
            .draw()?;
        let parts: [Part; 3] = [
            ("Kvinnor", ORANGE, |r| r.women),
            ("Män", BLUE, |r| r.men),
            ("Annat eller vill inte ange", GREY, |r| r.other),
        ];
        for (n, (label, colour, share)) in parts.into_iter().enumerate() {
            chart
                .draw_series(rows.iter().enumerate().map(move |(i, r)| {
                    let below: u32 = parts_below(r, n);
                    let x = i as f64;
                    Rectangle::new(
                        [
                            (x + 0.25, f64::from(below)),
                            (x + 0.75, f64::from(below + share(r))),
                        ],
                        colour.filled(),
                    )
                }))?
                .label(label)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled())
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(font(13))
            .draw()?;
        Ok(())
    })
}

/// A part of a stacked bar: its name, colour and share of a row.
type Part = (&'static str, RGBColor, fn(&GenderRow) -> u32);

/// The stack below part `n` (women, men, other) of a bar.
fn parts_below(row: &GenderRow, n: usize) -> u32 {
    [row.women, row.men, row.other].iter().take(n).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_svg_hidden_from_assistive_tech_and_empty_without_figures() {
        assert_eq!(amounts(&[]), "");
        let svg = children(&[ChildrenRow {
            year: 2023,
            granted_ore: 1000,
            children_ore: 100,
        }]);
        assert!(svg.starts_with("<svg aria-hidden=\"true\""), "{svg}");
        assert!(svg.contains("2023"), "{svg}");
        assert!(svg.contains("Mål: minst 20 %"), "{svg}");
    }
}
