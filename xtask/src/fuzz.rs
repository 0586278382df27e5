//! `cargo xtask fuzz`: mutates the workspace specs and fixtures (OpenAPI 3.0 and 3.1, each as YAML
//! and as JSON) and runs every mutant through load → resolve → emit → format, which must never
//! panic. (`cargo fuzz` needs a nightly toolchain; this runs on stable.) A panicking input is saved
//! under `target/fuzz-crashes/`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use codegen::diagnostics::Diagnostics;
use codegen::resolve::Policy;

/// What a fuzzing run did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Mutants run through the pipeline.
    pub executions: u64,
    /// Mutants that loaded as OpenAPI and produced at least one service.
    pub generated: u64,
    /// Inputs that panicked, saved to disk.
    pub crashes: Vec<PathBuf>,
}

/// Fragments that steer mutants towards OpenAPI structure rather than noise.
const TOKENS: &[&str] = &[
    "$ref: \"#/components/schemas/X\"",
    "type: object",
    "type: string",
    "type: array",
    "nullable: true",
    "oneOf: []",
    "allOf: [{}]",
    "enum: [a, a]",
    "required: [x]",
    "properties: {}",
    "additionalProperties: {}",
    "items: {}",
    "format: uuid",
    "pattern: \"[\"",
    "pattern: \"^(?!a)(?<=b)(c)\\\\1\\\\k<x>\\\\p{L}[\\\\d-x]{,5}\"",
    "minLength: -1",
    "maxLength: 99999999999999999999",
    "default:",
    "4XX:",
    "\"{x}\":",
    "in: cookie",
    "operationId: x",
    "- ",
    ": ",
    "{",
    "}",
    "[",
    "]",
    "&a",
    "*a",
    "!!binary",
    "\t",
    "\u{feff}",
    "事件",
    "~1",
    // OpenAPI 3.1 and JSON Schema 2020-12.
    "type: [string, \"null\"]",
    "type: \"null\"",
    "anyOf: [{type: \"null\"}]",
    "const: 1",
    "examples: [1, 2]",
    "exclusiveMinimum: 1",
    "prefixItems: [{}, {type: string}]",
    "items: false",
    "patternProperties: {\"^x\": {}}",
    "unevaluatedProperties: false",
    "$defs: {Y: {}}",
    "$ref: \"#/components/schemas/X/$defs/Y\"",
    "$ref: \"#/components/pathItems/X\"",
    "contentEncoding: base64",
    "contentMediaType: image/png",
    "if: {}",
    "true",
    "false",
    "openapi: 3.1.0",
    "webhooks: {}",
    // JSON, for the JSON seeds.
    "\"type\": [\"integer\", \"null\"],",
    "\"$ref\": \"#/components/schemas/X\",",
    "\"nullable\": true,",
    "\"const\": null,",
    "\"prefixItems\": [true, false],",
    "\"properties\": {},",
    "\"openapi\": \"3.1.0\",",
    "\"swagger\": \"2.0\",",
    "\"",
    ",",
];

/// The seed corpus: every spec and fixture of the workspace (OpenAPI 3.0 and 3.1), and each YAML one
/// serialised as JSON too, which is read by another parser and has another line structure.
pub fn seeds(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for dir in [
        "specs",
        "codegen/tests/fixtures/invalid",
        "codegen/tests/fixtures/patterns",
        "codegen/tests/fixtures/warnings",
        "codegen/tests/fixtures/openapi31",
        "codegen/tests/fixtures/openapi31/equivalence/3.1",
        "xtask/tests/fixtures",
    ] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            let mut paths: Vec<_> =
                entries.filter_map(|e| Some(e.ok()?.path())).filter(|p| p.is_file()).collect();
            paths.sort();
            files.extend(paths.into_iter().filter_map(|p| std::fs::read_to_string(p).ok()));
        }
    }
    let json: Vec<String> = files
        .iter()
        .filter(|text| !text.trim_start().starts_with('{'))
        .filter_map(|text| serde_yaml::from_str::<serde_json::Value>(text).ok())
        .filter_map(|value| serde_json::to_string_pretty(&value).ok())
        .collect();
    files.extend(json);
    files
}

/// Applies one to four random edits to `seed`.
fn mutate(rng: &mut fastrand::Rng, seed: &str) -> String {
    let mut lines: Vec<String> = seed.lines().map(str::to_owned).collect();
    for _ in 0..rng.usize(1..=4) {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let at = rng.usize(..lines.len());
        match rng.u8(..6) {
            0 => {
                lines.remove(at);
            }
            1 => {
                let copy = lines[at].clone();
                lines.insert(rng.usize(..=lines.len()), copy);
            }
            2 => {
                let other = rng.usize(..lines.len());
                lines.swap(at, other);
            }
            3 => {
                let line = &mut lines[at];
                let cut = line
                    .char_indices()
                    .map(|(i, _)| i)
                    .nth(rng.usize(..=line.chars().count().max(1)))
                    .unwrap_or(line.len());
                line.insert_str(cut, TOKENS[rng.usize(..TOKENS.len())]);
            }
            4 => {
                let indent = lines[at].len() - lines[at].trim_start().len();
                lines.insert(
                    at,
                    format!("{}{}", " ".repeat(indent), TOKENS[rng.usize(..TOKENS.len())]),
                );
            }
            _ => lines.truncate(at),
        }
    }
    lines.join("\n")
}

/// Runs one input through the whole pipeline; `Err` if it panicked.
fn execute(text: &str, options: &codegen::Options) -> Result<bool, ()> {
    catch_unwind(AssertUnwindSafe(|| {
        let mut diagnostics = Diagnostics::default();
        let specs: Vec<_> = codegen::load::load_str("fuzz.yaml".into(), text, &mut diagnostics)
            .into_iter()
            .collect();
        let services = codegen::resolve_all_with(&specs, Policy::SkipUnsupported, &mut diagnostics);
        let generation = codegen::generate_services(&services, options, diagnostics);
        !services.is_empty() && !generation.files.is_empty()
    }))
    .map_err(|_| ())
}

/// Fuzzes for `duration` (or `max_executions`), from a fixed `seed` so runs can be repeated.
pub fn run(root: &Path, duration: Duration, max_executions: u64, seed: u64) -> Outcome {
    let seeds = seeds(root);
    let mut options = crate::options(root);
    options.policy = Policy::SkipUnsupported;
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut outcome = Outcome::default();
    // Panics are expected to be caught; keep their messages out of the output.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    while started.elapsed() < duration && outcome.executions < max_executions && !seeds.is_empty() {
        let pick = rng.usize(..seeds.len());
        let input = mutate(&mut rng, &seeds[pick]);
        outcome.executions += 1;
        match execute(&input, &options) {
            Ok(generated) => outcome.generated += u64::from(generated),
            Err(()) => {
                let dir = root.join("target/fuzz-crashes");
                let path = dir.join(format!("crash-{seed}-{}.yaml", outcome.executions));
                if std::fs::create_dir_all(&dir)
                    .and_then(|()| std::fs::write(&path, &input))
                    .is_ok()
                {
                    outcome.crashes.push(path);
                }
            }
        }
    }
    std::panic::set_hook(hook);
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutants_of_every_seed_never_panic() {
        let root = crate::workspace_root();
        let outcome = run(&root, Duration::from_secs(600), 400, 7);
        assert_eq!(outcome.executions, 400);
        assert!(outcome.crashes.is_empty(), "inputs that panicked: {:?}", outcome.crashes);
        assert!(
            outcome.generated > 20,
            "only {} of 400 mutants generated code; the mutations are too destructive",
            outcome.generated
        );
    }
}
