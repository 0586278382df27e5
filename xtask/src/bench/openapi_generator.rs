//! openapi-generator, the peer tool the generator is compared with: its `openapi-generator-cli`
//! package from PyPI (which bundles the jar), installed into a virtual environment under `target/`
//! the first time it is needed. It runs on Java, which is not installed for you.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The version compared with (the latest when this was written).
pub const VERSION: &str = "7.26.0";

/// An installed openapi-generator.
pub struct OpenApiGenerator {
    cli: PathBuf,
}

impl OpenApiGenerator {
    /// The installation under `root/target/openapi-generator/`, made first if it is not there.
    /// Fails with a message saying what is missing (Java, Python) or what pip said.
    pub fn installed(root: &Path) -> Result<Self, String> {
        java_version()?;
        let venv = root.join("target/openapi-generator").join(VERSION);
        let cli = venv.join("bin/openapi-generator-cli");
        if !cli.exists() {
            eprintln!("installing openapi-generator-cli {VERSION} into {} ...", venv.display());
            run(Command::new("python3").arg("-m").arg("venv").arg(&venv), "python3 -m venv")?;
            run(
                Command::new(venv.join("bin/pip"))
                    .args(["install", "--quiet", "--disable-pip-version-check"])
                    .arg(format!("openapi-generator-cli=={VERSION}")),
                "pip install openapi-generator-cli",
            )?;
        }
        Ok(Self { cli })
    }

    /// The command that generates the `rust` client for `spec` into `out`, as its documentation
    /// shows (spec validation off: it rejects specs both tools read, such as GitHub's).
    pub fn generate(&self, spec: &Path, out: &Path) -> Command {
        let mut command = Command::new(&self.cli);
        command.args(["generate", "--generator-name", "rust", "--skip-validate-spec"]);
        command.arg("--input-spec").arg(spec).arg("--output").arg(out);
        command
    }
}

/// `java -version`'s first line, or what to install.
fn java_version() -> Result<String, String> {
    let missing = "openapi-generator runs on Java, which was not found: install a Java runtime \
                   (11 or newer, e.g. `apt install default-jre-headless`) and run the command again";
    let output = Command::new("java").arg("-version").output().map_err(|_| missing.to_owned())?;
    if !output.status.success() {
        return Err(missing.to_owned());
    }
    Ok(String::from_utf8_lossy(&output.stderr).lines().next().unwrap_or_default().to_owned())
}

fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command.output().map_err(|e| format!("cannot run {what}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed:\n{}", String::from_utf8_lossy(&output.stderr)))
    }
}
