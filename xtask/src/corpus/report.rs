//! The directory corpus's figures: printed as text and Markdown tables, and written as JSON (every
//! spec's results) so that later runs can be compared with this one.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};

use super::directory::{Check, CheckRun, Generated, KindCount, Options, STRIPE, SpecRun};

/// How many error kinds the printed table shows (the JSON has them all).
const TOP_KINDS: usize = 25;
/// How many error kinds the JSON lists per spec.
const KINDS_PER_SPEC: usize = 5;
/// How many variants of a kind are printed.
const VARIANTS_SHOWN: usize = 6;

/// A finished run.
pub struct Run<'a> {
    /// The npm package the specs come from.
    pub package: &'a str,
    /// The command's options.
    pub options: &'a Options,
    /// Every spec, sorted by name.
    pub specs: &'a [SpecRun],
    /// The checked crates.
    pub checks: &'a [CheckRun],
    /// The wall time of fetching and generating.
    pub generation: Duration,
    /// The wall time of the whole run.
    pub total: Duration,
    /// The process's peak memory after generating.
    pub peak_memory: String,
}

/// One kind of diagnostic across the directory.
#[derive(Debug, PartialEq, Eq)]
pub struct KindRow<'a> {
    /// The kind.
    pub kind: &'a str,
    /// Specs with at least one.
    pub specs: usize,
    /// Occurrences in all specs.
    pub occurrences: usize,
    /// Specs in which it is the only kind.
    pub only_kind: usize,
    /// The first spec (by name) that has it, and its first message there.
    pub example: (&'a str, &'a KindCount),
    /// Its variants, those in the most specs first: the variant, specs, occurrences.
    pub variants: Vec<(&'a str, usize, usize)>,
}

/// The kinds of `pick`'s diagnostics over all specs, those in the most specs first.
pub fn kind_rows<'a>(
    specs: &'a [SpecRun],
    pick: fn(&Generated) -> &[KindCount],
) -> Vec<KindRow<'a>> {
    let mut rows: BTreeMap<&str, KindRow<'a>> = BTreeMap::new();
    let mut variants: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    for run in specs {
        let Ok(generated) = &run.outcome else { continue };
        let counts = pick(generated);
        let mut kinds: Vec<&str> = counts.iter().map(|c| c.kind.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for count in counts {
            let row = rows.entry(&count.kind).or_insert_with(|| KindRow {
                kind: &count.kind,
                specs: 0,
                occurrences: 0,
                only_kind: 0,
                example: (&run.spec.name, count),
                variants: Vec::new(),
            });
            // A spec counts once per kind, at its first variant.
            if counts.iter().find(|c| c.kind == count.kind).is_some_and(|c| std::ptr::eq(c, count))
            {
                row.specs += 1;
                row.only_kind += usize::from(kinds.len() == 1);
            }
            row.occurrences += count.count;
            let variant = variants.entry((&count.kind, &count.variant)).or_default();
            variant.0 += 1;
            variant.1 += count.count;
        }
    }
    for ((kind, variant), (specs, occurrences)) in variants {
        if let Some(row) = rows.get_mut(kind) {
            row.variants.push((variant, specs, occurrences));
        }
    }
    let mut rows: Vec<KindRow> = rows.into_values().collect();
    for row in &mut rows {
        row.variants.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));
    }
    rows.sort_by(|a, b| {
        b.specs.cmp(&a.specs).then(b.occurrences.cmp(&a.occurrences)).then(a.kind.cmp(b.kind))
    });
    rows
}

/// What a variant says beyond its kind: the text where they differ (`` `allOf`, `properties` `` for
/// "… one type (`allOf`, `properties`); …" of the kind "… one type (…); …").
pub fn difference<'a>(kind: &str, variant: &'a str) -> &'a str {
    let prefix = kind.bytes().zip(variant.bytes()).take_while(|(a, b)| a == b).count();
    let suffix = kind
        .bytes()
        .rev()
        .zip(variant.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count()
        .min(variant.len() - prefix)
        .min(kind.len() - prefix);
    let (mut start, mut end) = (prefix, variant.len() - suffix);
    while !variant.is_char_boundary(start) {
        start -= 1;
    }
    while !variant.is_char_boundary(end) {
        end += 1;
    }
    &variant[start..end.max(start)]
}

/// `part / whole` as a percentage with one decimal.
fn percent(part: usize, whole: usize) -> String {
    if whole == 0 { "-".into() } else { format!("{:.1}%", part as f64 * 100.0 / whole as f64) }
}

/// Text fit for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Sums of a pair over the specs that generated.
fn totals(specs: &[SpecRun], pick: fn(&Generated) -> (usize, usize)) -> (usize, usize) {
    specs
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .map(pick)
        .fold((0, 0), |(g, t), (a, b)| (g + a, t + b))
}

/// Prints the figures.
pub fn print(run: &Run) {
    let specs = run.specs;
    let total = specs.len();
    let generated: Vec<&Generated> = specs.iter().filter_map(|r| r.outcome.as_ref().ok()).collect();
    let complete = specs.iter().filter(|r| r.complete()).count();
    let clean = generated.iter().filter(|g| g.summary.status == crate::generate::COMPLETE).count();
    let nothing = generated.iter().filter(|g| g.summary.status == crate::generate::FAILED).count();
    let panicked = total - generated.len();
    let operations = totals(specs, |g| g.summary.operations);
    let types = totals(specs, |g| g.summary.types);
    let errors: usize = generated.iter().map(|g| g.summary.errors).sum();
    let warnings: usize = generated.iter().map(|g| g.summary.warnings).sum();
    println!("## APIs.guru directory ({})\n", run.package);
    println!(
        "specs complete (every operation generated): {complete} / {total} ({})",
        percent(complete, total)
    );
    println!("  without any error (every schema too): {clean} ({})", percent(clean, total));
    println!(
        "  partly generated: {}, nothing generated: {nothing}, panicked: {panicked}",
        total - complete - nothing - panicked
    );
    println!(
        "operations generated: {} / {} ({})",
        operations.0,
        operations.1,
        percent(operations.0, operations.1)
    );
    println!("schemas generated: {} / {} ({})", types.0, types.1, percent(types.0, types.1));
    println!(
        "errors: {errors} in {} specs; warnings: {warnings} in {} specs",
        generated.iter().filter(|g| g.summary.errors > 0).count(),
        generated.iter().filter(|g| g.summary.warnings > 0).count()
    );
    print_origins(specs);
    let mut slowest: Vec<&SpecRun> = specs.iter().collect();
    slowest.sort_by_key(|r| std::cmp::Reverse(r.elapsed));
    println!(
        "generated in {:.1?} on {} thread(s), peak memory {}; slowest: {}",
        run.generation,
        run.options.jobs,
        run.peak_memory,
        slowest
            .iter()
            .take(5)
            .map(|r| format!("{} {:.1?}", r.spec.name, r.elapsed))
            .collect::<Vec<_>>()
            .join(", ")
    );

    if let Some(stripe) = specs.iter().find(|r| r.spec.name == STRIPE) {
        print_stripe(stripe);
    }

    let rows = kind_rows(specs, |g| &g.errors);
    println!(
        "\n### Errors that stop the most specs (top {} of {} kinds)\n",
        TOP_KINDS.min(rows.len()),
        rows.len()
    );
    println!("| # | error kind | specs | occurrences | only error kind in | e.g. |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for (rank, row) in rows.iter().take(TOP_KINDS).enumerate() {
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            rank + 1,
            cell(row.kind),
            row.specs,
            row.occurrences,
            row.only_kind,
            row.example.0
        );
    }
    let several: Vec<_> =
        rows.iter().take(TOP_KINDS).enumerate().filter(|(_, r)| r.variants.len() > 1).collect();
    if !several.is_empty() {
        println!("\nVariants (specs) of the kinds above that have several:\n");
        for (rank, row) in several {
            let shown: Vec<String> = row
                .variants
                .iter()
                .take(VARIANTS_SHOWN)
                .map(|(variant, specs, _)| format!("{} ({specs})", difference(row.kind, variant)))
                .collect();
            let more = row.variants.len().saturating_sub(VARIANTS_SHOWN);
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            println!("- #{}: {}{more}", rank + 1, shown.join("; "));
        }
    }

    let panics: Vec<_> =
        specs.iter().filter_map(|r| Some((r, r.outcome.as_ref().err()?))).collect();
    if !panics.is_empty() {
        println!("\n### Generator panics ({}): bugs\n", panics.len());
        for (run, panic) in panics {
            println!(
                "- {} ({}): {} at {}",
                run.spec.name,
                run.spec.path.display(),
                panic.message,
                panic.location
            );
            for frame in &panic.frames {
                println!("    {frame}");
            }
        }
    }

    if !run.checks.is_empty() {
        println!(
            "\n### `cargo check -D warnings`: a sample of {} (seed {}){}\n",
            run.options.sample,
            run.options.seed,
            run.options.only.as_ref().map_or_else(String::new, |o| format!(", and `--only {o}`"))
        );
        println!("| spec | why | operations | errors | result | time | peak memory |");
        println!("| --- | --- | --- | --- | --- | --- | --- |");
        for check in run.checks {
            let spec = specs.iter().find(|r| r.spec.name == check.name);
            let (operations, errors) = match spec.map(|r| &r.outcome) {
                Some(Ok(g)) => (
                    format!("{} / {}", g.summary.operations.0, g.summary.operations.1),
                    g.summary.errors.to_string(),
                ),
                _ => ("-".into(), "-".into()),
            };
            let (result, time, memory) = match &check.check {
                Check::Passed { time, memory } => {
                    ("passed".to_owned(), time.clone(), memory.clone())
                }
                Check::Failed(_) => ("**failed**".to_owned(), "-".into(), "-".into()),
                Check::Skipped(why) => (format!("skipped: {}", cell(why)), "-".into(), "-".into()),
            };
            println!(
                "| {} | {} | {operations} | {errors} | {result} | {time} | {memory} |",
                check.name, check.why
            );
        }
        let count = |f: fn(&Check) -> bool| run.checks.iter().filter(|c| f(&c.check)).count();
        println!(
            "\n{} passed, {} failed, {} skipped",
            count(|c| matches!(c, Check::Passed { .. })),
            count(|c| matches!(c, Check::Failed(_))),
            count(|c| matches!(c, Check::Skipped(_)))
        );
    }
    println!("\ntotal time: {:.1?}", run.total);
}

/// Specs and complete specs by declared version and by the document they were converted from.
fn print_origins(specs: &[SpecRun]) {
    let mut declared: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut origins: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for run in specs {
        let version = run.declared.openapi.as_deref().unwrap_or("?");
        let short = version.split('.').take(2).collect::<Vec<_>>().join(".");
        let entry = declared.entry(format!("openapi {short}")).or_default();
        entry.0 += 1;
        entry.1 += usize::from(run.complete());
        let origin = run.declared.origin.clone().unwrap_or_else(|| "not given".into());
        let entry = origins.entry(origin).or_default();
        entry.0 += 1;
        entry.1 += usize::from(run.complete());
    }
    let list = |map: &BTreeMap<String, (usize, usize)>| {
        map.iter()
            .map(|(k, (n, c))| format!("{k}: {c} of {n} complete"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("declared: {}", list(&declared));
    println!("converted from (info.x-origin): {}", list(&origins));
}

fn print_stripe(stripe: &SpecRun) {
    println!("\n### Stripe ({})\n", stripe.spec.name);
    match &stripe.outcome {
        Ok(g) => {
            let s = &g.summary;
            println!(
                "operations {} / {} ({}), schemas {} / {} ({}), {} errors, {} warnings, generated in {:.1?}",
                s.operations.0,
                s.operations.1,
                percent(s.operations.0, s.operations.1),
                s.types.0,
                s.types.1,
                percent(s.types.0, s.types.1),
                s.errors,
                s.warnings,
                stripe.elapsed
            );
            if !g.errors.is_empty() {
                println!("\n| error | occurrences | e.g. |");
                println!("| --- | --- | --- |");
                for count in &g.errors {
                    println!(
                        "| {} | {} | {} |",
                        cell(&count.variant),
                        count.count,
                        cell(&count.pointer)
                    );
                }
            }
        }
        Err(panic) => println!("panicked: {} at {}", panic.message, panic.location),
    }
}

/// One spec's variants summed by kind, the most frequent first.
fn by_kind(counts: &[KindCount]) -> Vec<(&str, usize)> {
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for count in counts {
        match kinds.iter_mut().find(|(k, _)| *k == count.kind) {
            Some((_, n)) => *n += count.count,
            None => kinds.push((&count.kind, count.count)),
        }
    }
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    kinds
}

/// Seconds with millisecond precision, for JSON.
fn seconds(duration: Duration) -> f64 {
    (duration.as_secs_f64() * 1000.0).round() / 1000.0
}

fn kinds_json(rows: &[KindRow]) -> Value {
    rows.iter()
        .map(|row| {
            json!({
                "kind": row.kind,
                "specs": row.specs,
                "occurrences": row.occurrences,
                "only_kind_in": row.only_kind,
                "example": {
                    "spec": row.example.0,
                    "message": row.example.1.example,
                    "pointer": row.example.1.pointer,
                },
                "variants": row
                    .variants
                    .iter()
                    .map(|(variant, specs, occurrences)| {
                        json!({"variant": variant, "specs": specs, "occurrences": occurrences})
                    })
                    .collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn spec_json(run: &SpecRun) -> Value {
    let mut spec = json!({
        "name": run.spec.name,
        "bytes": run.spec.bytes,
        "openapi": run.declared.openapi,
        "origin": run.declared.origin,
        "seconds": seconds(run.elapsed),
    });
    match &run.outcome {
        Ok(g) => {
            let s = &g.summary;
            let status = match s.status {
                crate::generate::COMPLETE => "complete",
                crate::generate::FAILED => "nothing generated",
                _ if run.complete() => "every operation",
                _ => "partial",
            };
            spec["status"] = json!(status);
            spec["operations"] = json!([s.operations.0, s.operations.1]);
            spec["schemas"] = json!([s.types.0, s.types.1]);
            spec["errors"] = json!(s.errors);
            spec["warnings"] = json!(s.warnings);
            spec["error_kinds"] = by_kind(&g.errors)
                .into_iter()
                .take(KINDS_PER_SPEC)
                .map(|(kind, count)| json!({"kind": kind, "count": count}))
                .collect();
            if let Some(failure) = &g.failure {
                spec["failure"] = json!(failure);
            }
        }
        Err(panic) => {
            spec["status"] = json!("panicked");
            spec["panic"] = json!({
                "message": panic.message,
                "location": panic.location,
                "frames": panic.frames,
            });
        }
    }
    spec
}

/// Writes the run as JSON to `path`.
pub fn write_json(run: &Run, path: &Path) -> std::io::Result<()> {
    let specs = run.specs;
    let operations = totals(specs, |g| g.summary.operations);
    let types = totals(specs, |g| g.summary.types);
    let checks: Vec<Value> = run
        .checks
        .iter()
        .map(|c| {
            let mut check = json!({"name": c.name, "why": c.why});
            match &c.check {
                Check::Passed { time, memory } => {
                    check["result"] = json!("passed");
                    check["time"] = json!(time);
                    check["memory"] = json!(memory);
                }
                Check::Failed(log) => {
                    check["result"] = json!("failed");
                    check["log"] = json!(log);
                }
                Check::Skipped(why) => {
                    check["result"] = json!("skipped");
                    check["reason"] = json!(why);
                }
            }
            check
        })
        .collect();
    let document = json!({
        "package": run.package,
        "seed": run.options.seed,
        "sample": run.options.sample,
        "jobs": run.options.jobs,
        "generation_seconds": seconds(run.generation),
        "total_seconds": seconds(run.total),
        "totals": {
            "specs": specs.len(),
            "complete": specs.iter().filter(|r| r.complete()).count(),
            "panicked": specs.iter().filter(|r| r.outcome.is_err()).count(),
            "operations": [operations.0, operations.1],
            "schemas": [types.0, types.1],
        },
        "error_kinds": kinds_json(&kind_rows(specs, |g| &g.errors)),
        "warning_kinds": kinds_json(&kind_rows(specs, |g| &g.warnings)),
        "checks": checks,
        "specs": specs.iter().map(spec_json).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&document).map_err(std::io::Error::other)?;
    text.push('\n');
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::directory::{Declared, Spec};
    use crate::generate::Summary;

    fn spec(name: &str, errors: &[(&str, usize)]) -> SpecRun {
        let errors = errors
            .iter()
            .map(|(variant, count)| KindCount {
                kind: variant[..1].to_owned(),
                variant: (*variant).to_owned(),
                count: *count,
                example: format!("{variant} in {name}"),
                pointer: "#/paths".into(),
            })
            .collect();
        SpecRun {
            spec: Spec { name: name.into(), path: name.into(), bytes: 0 },
            declared: Declared::default(),
            outcome: Ok(Generated {
                summary: Summary {
                    status: 1,
                    operations: (1, 2),
                    types: (0, 0),
                    files: 1,
                    errors: 1,
                    warnings: 0,
                },
                failure: None,
                errors,
                warnings: Vec::new(),
            }),
            elapsed: Duration::ZERO,
        }
    }

    #[test]
    fn kinds_are_ranked_by_the_specs_they_stop() {
        // Kinds are the first letter; `y1` and `y2` are variants of `y`.
        let specs = [
            spec("a", &[("x", 5), ("y1", 1), ("y2", 4)]),
            spec("b", &[("y2", 2)]),
            spec("c", &[("z", 9)]),
        ];
        let rows = kind_rows(&specs, |g| &g.errors);
        let summary: Vec<_> =
            rows.iter().map(|r| (r.kind, r.specs, r.occurrences, r.only_kind)).collect();
        assert_eq!(summary, [("y", 2, 7, 1), ("z", 1, 9, 1), ("x", 1, 5, 0)]);
        assert_eq!(rows[0].variants, [("y2", 2, 6), ("y1", 1, 1)]);
        assert_eq!(rows[0].example.0, "a", "the example is the first spec that has the kind");
        assert_eq!(rows[0].example.1.example, "y1 in a");
    }

    #[test]
    fn a_variant_is_shown_by_what_it_adds_to_its_kind() {
        assert_eq!(difference("one type (…); check", "one type (`a`, `b`); check"), "`a`, `b`");
        assert_eq!(difference("same", "same"), "");
        assert_eq!(difference("a (…) b", "a (`…`) b"), "`…`");
    }
}
