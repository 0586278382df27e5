//! Documentation pages and specs side by side: `page draft` turns pages into a spec, `page check`
//! compares a spec with its pages. The pages are read by the `docpages` crate, which knows nothing
//! of OpenAPI; everything here is the mapping between the two.

pub mod check;
pub mod draft;
mod schema_view;
mod yaml;

use std::path::{Component, Path};

use crate::vendor::Source;

/// The owner of the public documentation repositories the pages come from.
pub const DOCS_OWNER: &str = "huaweicloudDocs";

/// A page that was read, with where it came from.
#[derive(Debug, Clone)]
pub struct PageFile {
    /// The file as shown in reports.
    pub display: String,
    /// Its repository and path there, when the file sits in a checkout of a documentation
    /// repository (`…/<repository>/cn.zh-cn/…`).
    pub reference: Option<Source>,
    /// What the page says.
    pub page: docpages::Page,
}

impl PageFile {
    /// Reads the page at `path`, shown as `display`.
    pub fn read(path: &Path, display: String) -> Result<Self, String> {
        let bytes = std::fs::read(path).map_err(|err| format!("{display}: cannot read: {err}"))?;
        let text = String::from_utf8_lossy(&bytes);
        let page = docpages::read_page(&text);
        Ok(Self { display, reference: reference_of(path, &page), page })
    }
}

/// The repository and path of a page file: the folder above the language folder (`cn.zh-cn`,
/// `en-us`, …) names the repository, and the path starts at the language folder.
fn reference_of(path: &Path, page: &docpages::Page) -> Option<Source> {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let language = parts.iter().rposition(|p| is_language_folder(p))?;
    let repository = parts.get(language.checked_sub(1)?)?;
    Some(Source {
        repository: Some(format!("{DOCS_OWNER}/{repository}")),
        path: Some(parts[language..].join("/")),
        title: (!page.title.is_empty()).then(|| page.title.clone()),
        ..Source::default()
    })
}

fn is_language_folder(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with("zh-cn") || lower.ends_with("en-us")
}

/// Where a parameter a page documents goes: a row of a path-parameter table whose name is not
/// a `{name}` of the path is a query parameter (older pages list both in one 参数说明 table and
/// write the query into the URI).
pub(crate) fn parameter_location(
    page: &docpages::Page,
    role: docpages::TableRole,
    name: &str,
) -> Option<&'static str> {
    use docpages::TableRole;
    match role {
        TableRole::PathParameters => {
            let in_path =
                page.endpoint.as_ref().is_some_and(|e| e.path.contains(&format!("{{{name}}}")));
            Some(if in_path || page.endpoint.is_none() { "path" } else { "query" })
        }
        TableRole::QueryParameters => Some("query"),
        TableRole::HeaderParameters => Some("header"),
        _ => None,
    }
}

/// Where a page named by a spec is found below `docs`: `docs/<repository name>/<path>`.
pub fn page_path(docs: &Path, source: &Source) -> Option<std::path::PathBuf> {
    let repository = source.repository_name()?;
    let path = source.path.as_deref()?;
    Some(docs.join(repository).join(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_come_from_the_checkout_layout() {
        let page = docpages::read_page("# 查询部件\n");
        let source =
            reference_of(Path::new("../pages/widgets/cn.zh-cn/API参考/查询部件.md"), &page)
                .unwrap();
        assert_eq!(source.repository.as_deref(), Some("huaweicloudDocs/widgets"));
        assert_eq!(source.path.as_deref(), Some("cn.zh-cn/API参考/查询部件.md"));
        assert_eq!(source.title.as_deref(), Some("查询部件"));
        assert!(reference_of(Path::new("page.md"), &page).is_none());
        let found = page_path(Path::new("docs"), &source).unwrap();
        assert_eq!(found, Path::new("docs/widgets/cn.zh-cn/API参考/查询部件.md"));
    }
}
