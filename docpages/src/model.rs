//! The page model: what one documentation page says, in the page's own terms.
//!
//! Nothing here knows about OpenAPI. Every line number is a 1-based line of the text given to
//! [`read_page`](crate::read_page), so a diagnostic can point at `page.md:123`.

use serde::Serialize;

/// One documentation page, read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// The `#` heading, without its trailing `<a name>` anchor.
    pub title: String,
    /// Which of the known page layouts the page follows.
    pub layout: Layout,
    /// The operation's name in API Explorer (`api=<Name>` in the 调试 section's link).
    pub api_name: Option<String>,
    /// The 功能介绍 text, as plain text (paragraphs separated by newlines).
    pub summary: Option<String>,
    /// The HTTP method and path the page documents.
    pub endpoint: Option<Endpoint>,
    /// Every table on the page, in page order.
    pub tables: Vec<Table>,
    /// Request and response examples, in page order.
    pub examples: Vec<Example>,
    /// Status codes listed on the page (状态码 or 返回值 section, or a status-code page).
    pub status_codes: Vec<StatusCode>,
    /// The link to a shared status-code page, when the page points there instead of (or besides)
    /// listing codes, e.g. `状态码.md`.
    pub status_link: Option<String>,
    /// The link in the 错误码 section, e.g. `错误码.md`.
    pub error_code_link: Option<String>,
    /// Everything the reader could not understand, in page order.
    pub unread: Vec<Unread>,
}

/// The layout a page follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Layout {
    /// 功能介绍 › 调试 › URI › 请求参数 › 响应参数 › 请求示例 › 响应示例 › 状态码 › 错误码, with
    /// `**状态码： NNN**` before each response table.
    Structured,
    /// URI › 请求消息 › 响应消息 › 返回值 (or 状态码), tables nested in bullet lists.
    Prose,
    /// URI › 请求 › 响应 › 返回值.
    Plain,
    /// A page without a URI section or an endpoint: an overview, a status-code page, ...
    NotAnOperation,
}

/// The method and path of an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// The HTTP method, upper case.
    pub method: String,
    /// The path template without any query part, markdown escapes resolved
    /// (`/v1/{project_id}/vpc-endpoints`).
    pub path: String,
    /// Names of query parameters written into the documented path (`?limit={limit}`,
    /// `[?a, b]`, `{?x}`), in order.
    pub query: Vec<String>,
    /// The line the method and path are on.
    pub line: usize,
}

/// One table of the page (an HTML `<table>` or a markdown pipe table).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// `N` of the caption `**表 N**  text`, when the page numbers the table.
    pub number: Option<u32>,
    /// The caption text after `表 N`; for a table without a numbered caption, the text that
    /// introduces it (a bullet such as `以下列表为查询检索参数`), or empty.
    pub caption: String,
    /// The `<a name="...">` anchor just before the table, if any.
    pub anchor: Option<String>,
    /// The line of the `<table` tag or of the pipe table's header row.
    pub line: usize,
    /// What the table describes.
    pub role: TableRole,
    /// Whether the table has a 是否必选 column.
    pub has_required_column: bool,
    /// Whether the table has a 参数类型 column.
    pub has_type_column: bool,
    /// The body rows, header excluded.
    pub rows: Vec<Row>,
}

/// What a table describes, from its caption, its columns and the section it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TableRole {
    /// Path parameters (路径参数, or 参数说明 in the URI section).
    PathParameters,
    /// Query parameters (Query参数, 查询检索参数).
    QueryParameters,
    /// Request headers (请求Header参数).
    HeaderParameters,
    /// Request body fields (请求Body参数, or 请求参数 in 请求消息).
    RequestBody,
    /// Response headers (响应Header参数) for a status.
    ResponseHeaders {
        /// The status from the nearest preceding `**状态码： NNN**`, if any.
        status: Option<u16>,
    },
    /// Response body fields (响应Body参数, 响应参数) for a status.
    ResponseBody {
        /// The status from the nearest preceding `**状态码： NNN**`, if any.
        status: Option<u16>,
    },
    /// The fields of a nested object: a table named after a type, or one a row refers to.
    Nested,
    /// A status-code table (状态码 | 描述, 返回值 | 说明).
    StatusCodes,
    /// A 请求方法 | URI table giving the operation's method and path.
    Endpoint,
    /// A table the reader could not place (reported in [`Page::unread`]).
    Other,
}

/// One row of a parameter or field table (or of a status-code table, with the code as name).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The line of the row's `<tr` (or pipe row).
    pub line: usize,
    /// The parameter or field name, as written.
    pub name: String,
    /// The 是否必选 cell.
    pub required: Required,
    /// The type cell as plain text, when the table has a type column.
    pub type_text: Option<String>,
    /// The type cell, parsed.
    pub ty: Option<TypeExpr>,
    /// The description cell as plain text, without the constraint marker lines it had.
    pub description: String,
    /// Constraints read from the description's markers and prose.
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    /// For an object (or array of objects) row, the index in [`Page::tables`] of the table that
    /// describes it.
    pub nested: Option<usize>,
    /// What the reader wants a human to know about this row (conflicts, ambiguities).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The 是否必选 cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Required {
    /// 是.
    Yes,
    /// 否.
    No,
    /// Anything else (条件必选, `type = 2时必选`), verbatim.
    Conditional(String),
    /// No required column, or an empty cell.
    Unspecified,
}

/// A type cell, parsed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TypeExpr {
    /// `String`, or `String(255)` with a maximum length.
    String {
        /// The length in parentheses, if written.
        max_length: Option<u64>,
    },
    /// `Integer`.
    Integer,
    /// `Long`.
    Long,
    /// `Boolean`.
    Boolean,
    /// `Float`.
    Float,
    /// `Double`.
    Double,
    /// `Number`.
    Number,
    /// `Timestamp`.
    Timestamp,
    /// An object, with its type name when given (`TagList object`, or `Object`).
    Object(Option<String>),
    /// An array (`Array of X objects`, `Array of strings`, `[]String`, `List<X>`).
    Array(Box<TypeExpr>),
    /// A map from key to value type (`Map<String,String>`, 字典数据类型).
    Map(Box<TypeExpr>, Box<TypeExpr>),
    /// A type the page does not name (the values of 字典数据类型, the items of a bare `Array`).
    Any,
    /// Anything else, verbatim (reported in [`Page::unread`]).
    Other(String),
}

/// Constraints on a parameter or field. (Serialized without the fields that are unset.)
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Constraints {
    /// Minimum length in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// Maximum length in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// Minimum value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    /// Maximum value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    /// Whether [`minimum`](Self::minimum) is excluded (`(0,100]`).
    #[serde(skip_serializing_if = "is_false")]
    pub exclusive_minimum: bool,
    /// Whether [`maximum`](Self::maximum) is excluded (`[0,100)`).
    #[serde(skip_serializing_if = "is_false")]
    pub exclusive_maximum: bool,
    /// The allowed values, in page order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<String>,
    /// The default value, verbatim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

impl Constraints {
    /// Whether no constraint is set.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A request or response example.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    /// Request or response (with its status).
    pub kind: ExampleKind,
    /// The `METHOD url` line the example starts with, if any: method (upper case) and URL.
    pub request_line: Option<(String, String)>,
    /// The URL of the request line, also when the page writes it without a method.
    pub url: Option<String>,
    /// The body (the rest of the code block), as written; `None` when the block has none.
    pub body: Option<String>,
    /// Whether [`body`](Self::body) parses as JSON.
    pub is_json: bool,
    /// The line of the code block's opening fence.
    pub line: usize,
    /// The text introducing the example (`请求样例一：...`, `服务器已成功处理了请求`), if any.
    pub caption: Option<String>,
}

/// Whether an example is a request or a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ExampleKind {
    /// A request example.
    Request,
    /// A response example.
    Response {
        /// The status from the nearest preceding `**状态码： NNN**`, if any.
        status: Option<u16>,
    },
}

/// One documented status code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusCode {
    /// The code.
    pub code: u16,
    /// The reason phrase written after the code in the same cell (`400 Bad Request`), if any.
    pub reason: Option<String>,
    /// The description cell (or empty).
    pub description: String,
    /// Whether the page lists the code as normal (正常) or abnormal (异常), when it says.
    pub outcome: Option<Outcome>,
    /// The line of the row (or paragraph) giving the code.
    pub line: usize,
}

/// The page's split of status codes into normal and abnormal ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Outcome {
    /// Listed under 正常.
    Normal,
    /// Listed under 异常.
    Abnormal,
}

/// Something on the page the reader did not understand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unread {
    /// Where it is.
    pub line: usize,
    /// What it is, e.g. "table 3 row 2: type `Foo<Bar` not understood".
    pub what: String,
}
