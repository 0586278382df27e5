//! Generated Rust is exactly what `prettyplease` prints from it. Emitters write some functions as
//! text themselves (`format::direct`); the spec here puts their lines at, just under and just
//! over the margin, so a layout rule written wrongly shows up as a difference.

use std::fmt::Write as _;

use codegen::diagnostics::Diagnostics;

mod common;

/// The text without blank lines and `//` comments, which `prettyplease` does not keep.
fn comparable(text: &str) -> String {
    text.lines()
        .filter(|line| !line.is_empty() && !line.trim_start().starts_with("// "))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Every generated Rust file, printed again by `prettyplease`, comes out the same.
fn assert_prettyplease_layout(generation: &codegen::Generation) {
    let mut checked = 0;
    for file in &generation.files {
        let output = &file.output;
        if !output.path.ends_with(".rs") {
            continue;
        }
        let tree = syn::parse_file(&output.contents)
            .unwrap_or_else(|err| panic!("{} does not parse: {err}", output.path));
        let (ours, printed) =
            (comparable(&output.contents), comparable(&prettyplease::unparse(&tree)));
        if let Some((line, (a, b))) =
            ours.lines().zip(printed.lines()).enumerate().find(|(_, (a, b))| a != b)
        {
            panic!("{}: line {line} differs from prettyplease:\n{a}\n{b}", output.path);
        }
        assert_eq!(ours.lines().count(), printed.lines().count(), "{}", output.path);
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn the_workspace_crate_is_in_prettyplease_layout() {
    let generation = codegen::generate(&common::options("Layout test crate."));
    assert!(!generation.diagnostics.has_errors(), "{}", generation.diagnostics);
    assert_prettyplease_layout(&generation);
}

/// The fixture specs that generate code: grouped services and ECMA-262 patterns.
#[test]
fn fixture_specs_are_in_prettyplease_layout() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for fixture in ["grouped.yaml", "patterns/ecma.yaml"] {
        let path = root.join("tests/fixtures").join(fixture);
        let mut diags = Diagnostics::default();
        let spec = codegen::load::load_file(&path, fixture.into(), &mut diags);
        let mut options = common::options("Layout test crate.");
        options.policy = codegen::resolve::Policy::SkipUnsupported;
        let generation = codegen::generate_loaded(spec.into_iter().collect(), &options, diags);
        assert!(!generation.diagnostics.has_errors(), "{fixture}: {}", generation.diagnostics);
        assert_prettyplease_layout(&generation);
    }
}

/// A property name of `len` bytes, unique by its length.
fn name_of(len: usize) -> String {
    format!("p{}", "x".repeat(len - 1))
}

/// Objects whose builders' and checks' lines cross the margin: every name length from 1 to 70 for
/// each kind of member, types named up to 80 bytes long, required members that make `new`'s signature and
/// struct literal just fit and just not fit, and a request with no members.
fn boundary_spec() -> String {
    let mut schemas = String::new();
    let kinds = [
        ("Text", "{type: string}"),
        ("Count", "{type: integer, format: int64}"),
        ("Maybe", "{type: string, nullable: true}"),
        ("List", "{type: array, items: {$ref: '#/components/schemas/Nested'}}"),
        ("Map", "{type: object, additionalProperties: {$ref: '#/components/schemas/Nested'}}"),
        ("Nested", "{$ref: '#/components/schemas/Nested'}"),
    ];
    for (kind, schema) in kinds {
        for required in [false, true] {
            let _ = writeln!(schemas, "    {kind}{}:\n      type: object", u8::from(required));
            let names: Vec<String> = (1..=70).map(name_of).collect();
            if required {
                let _ = writeln!(schemas, "      required: [{}]", names[..9].join(", "));
            }
            let _ = writeln!(schemas, "      properties:");
            for name in &names {
                let _ = writeln!(schemas, "        {name}: {schema}");
            }
        }
    }
    // Checks, one member per object so that each `validate_into` has its own longest line.
    let checked = [
        ("Bounded", "{type: integer, minimum: 1, maximum: 10}"),
        ("Patterned", "{type: string, pattern: '^a+$', maxLength: 5, description: Only a.}"),
        ("Items", "{type: array, items: {type: integer, format: int32, minimum: 0}}"),
    ];
    for (kind, schema) in checked {
        for len in 1..=70 {
            let name = name_of(len);
            let required =
                if len % 2 == 0 { format!("\n      required: [{name}]") } else { String::new() };
            let _ = writeln!(
                schemas,
                "    {kind}{len}:\n      type: object{required}\n      properties:\n        {name}: {schema}"
            );
        }
    }
    // Wire names that are not Rust names, renamed in attributes that cross the margin.
    let renamed: Vec<String> = (1..=80).map(|len| format!("{}Z", name_of(len))).collect();
    let _ = writeln!(
        schemas,
        "    Renamed:\n      type: object\n      required: [{}]",
        renamed.join(", ")
    );
    let _ = writeln!(schemas, "      properties:");
    for name in &renamed {
        let _ = writeln!(schemas, "        {name}: {{type: integer}}");
    }
    // `new` with two short required members: the literal `Self { a, b }` around its width limit.
    for len in 10..=16 {
        let (a, b) = (name_of(len), format!("q{}", "y".repeat(len - 1)));
        let _ = writeln!(
            schemas,
            "    Pair{len}:\n      type: object\n      required: [{a}, {b}]\n      properties:\n        {a}: {{type: integer}}\n        {b}: {{type: integer}}"
        );
    }
    // And with one, for the widths the pairs skip.
    for len in 23..=28 {
        let a = name_of(len);
        let _ = writeln!(
            schemas,
            "    One{len}:\n      type: object\n      required: [{a}]\n      properties:\n        {a}: {{type: integer}}"
        );
    }
    // Members whose type name is long enough to break the setter's parameter, and `new`'s
    // parameters: a last one and one before it.
    for len in 20..=80 {
        let name = format!("T{}", "y".repeat(len - 1));
        let members = format!(
            "properties:\n        value: {{$ref: '#/components/schemas/{name}'}}\n        values: {{type: array, items: {{$ref: '#/components/schemas/{name}'}}}}"
        );
        let _ = writeln!(schemas, "    {name}:\n      type: object\n      {members}");
        let _ = writeln!(
            schemas,
            "    Both{len}:\n      type: object\n      required: [value, values]\n      {members}"
        );
    }
    schemas.push_str(
        "    Nested:\n      type: object\n      properties:\n        inner: {type: string}\n",
    );
    format!(
        "openapi: 3.0.3\ninfo: {{title: Layout, version: '1'}}\npaths:\n{}components:\n  schemas:\n{schemas}",
        boundary_paths()
    )
}

/// Operations whose client methods build request literals around their width limit: with no
/// parameters (request types named 29 to 34 bytes long) and with one (10 to 18 bytes).
fn boundary_paths() -> String {
    let mut paths = String::from(
        "  /ping:\n    get: {operationId: ping, responses: {'204': {description: Alive.}}}\n",
    );
    let respond = "responses: {'204': {description: Done.}}";
    for len in 22..=27 {
        let id = "g".repeat(len);
        let _ = writeln!(paths, "  /{id}:\n    get: {{operationId: {id}, {respond}}}");
    }
    // Call builders whose generic head is too wide for its line.
    for len in [70, 80] {
        let id = "h".repeat(len);
        let _ = writeln!(paths, "  /{id}:\n    get: {{operationId: {id}, {respond}}}");
    }
    for len in 3..=11 {
        let id = "k".repeat(len);
        let _ = writeln!(
            paths,
            "  /{id}/{{id}}:\n    get: {{operationId: {id}, parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}], {respond}}}"
        );
    }
    paths
}

#[test]
fn builders_at_the_margin_are_in_prettyplease_layout() {
    let generation = common::generate_text("layout.yaml", &boundary_spec(), "Layout test crate.");
    let models = generation.files.iter().find(|f| f.output.path.ends_with("models.rs"));
    let models = &models.expect("a models file").output.contents;
    // The spec reaches both layouts of each construct, on either side of the limit.
    let setter = |len: usize| format!("    pub fn with_{}(", name_of(len));
    let one_line = format!("{}mut self, value: impl Into<String>) -> Self {{\n", setter(27));
    assert_eq!(one_line.len(), 90, "a line of 89 bytes and its newline");
    assert!(models.contains(&one_line));
    assert!(models.contains(&format!("{}\n        mut self,\n", setter(28))));
    let pair = |len: usize| format!("Self {{ {}, q{} }}", name_of(len), "y".repeat(len - 1));
    assert!(models.contains(&format!("        {}\n", pair(12))));
    assert!(!models.contains(&pair(13)));
    assert!(models.contains(&format!("        Self {{\n            {},\n", name_of(13))));
    assert!(models.contains(&format!("        Self {{ {} }}\n", name_of(26))));
    assert!(models.contains(&format!("        Self {{\n            {},\n", name_of(27))));
    assert!(models.contains("        value: impl Into<\n"));
    assert!(models.contains("#[allow(clippy::too_many_arguments)]"));
    let rename = |len: usize| format!("rename = \"{}Z\"", name_of(len));
    assert!(models.contains(&format!("    #[serde({})]\n", rename(63))));
    assert!(models.contains(&format!("    #[serde(\n        {}\n    )]\n", rename(64))));
    let file = |name: &str| {
        let file = generation.files.iter().find(|f| f.output.path.ends_with(name));
        &file.unwrap_or_else(|| panic!("a file {name}")).output.contents
    };
    assert!(file("operations.rs").contains("        Self {}\n"));
    assert!(
        file("client.rs")
            .contains(&format!("{}Call<\n    'c,\n> {{", heck::AsUpperCamelCase("h".repeat(80))))
    );
    let client = file("client.rs");
    let request =
        |id: &str| format!("            request: {}Request {{", heck::AsUpperCamelCase(id));
    assert!(client.contains(&format!("{}}},\n", request(&"g".repeat(24)))));
    assert!(client.contains(&format!("{}\n            }},\n", request(&"g".repeat(25)))));
    assert!(client.contains(&format!("{} id: id.into() }},\n", request(&"k".repeat(10)))));
    assert!(
        client.contains(&format!("{}\n                id: id.into(),\n", request(&"k".repeat(11))))
    );
    assert_prettyplease_layout(&generation);
}
