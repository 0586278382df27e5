//! Header words to columns: which cell of a row holds the name, the type, the description...

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Column {
    /// The parameter or field name (参数, 名称, 参数名, 参数名称, 属性).
    Name,
    /// 是否必选.
    Required,
    /// 参数类型, 类型.
    Type,
    /// 描述, 说明.
    Description,
    /// A status code (状态码, 返回值, 错误码状态).
    Status,
    /// An HTTP method (请求方法).
    Method,
    /// A request path (URI).
    Uri,
    /// A header the reader does not know, verbatim.
    Unknown(String),
}

/// The words each column is written as. Compared after removing whitespace, case-insensitively.
const WORDS: &[(Column, &[&str])] = &[
    (
        Column::Name,
        &[
            "参数",
            "名称",
            "参数名",
            "参数名称",
            "属性",
            "属性名",
            "字段",
            "字段名",
            "名",
            "parameter",
            "name",
        ],
    ),
    (Column::Required, &["是否必选", "必选", "是否必填", "必填", "mandatory", "required"]),
    (Column::Type, &["参数类型", "类型", "数据类型", "type"]),
    (Column::Description, &["描述", "说明", "参数说明", "参数描述", "含义", "description"]),
    (Column::Status, &["状态码", "返回值", "错误码状态", "http状态码", "返回码", "statuscode"]),
    (Column::Method, &["请求方法", "方法", "method"]),
    (Column::Uri, &["uri", "url", "请求uri", "请求url", "路径"]),
];

/// The column a header cell names.
pub(crate) fn column(header: &str) -> Column {
    let key: String =
        header.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    let key = key.trim_end_matches(['：', ':']);
    WORDS
        .iter()
        .find(|(_, words)| words.contains(&key))
        .map_or_else(|| Column::Unknown(header.to_string()), |(column, _)| column.clone())
}

/// The columns of a table, by position.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Columns {
    /// One per header cell.
    pub(crate) kinds: Vec<Column>,
}

impl Columns {
    /// Reads the header cells.
    pub(crate) fn from_header<'a>(headers: impl Iterator<Item = &'a str>) -> Columns {
        Columns { kinds: headers.map(column).collect() }
    }

    /// The position of the first column of a kind.
    pub(crate) fn position(&self, kind: &Column) -> Option<usize> {
        self.kinds.iter().position(|candidate| candidate == kind)
    }

    /// Whether the table has a column of a kind.
    pub(crate) fn has(&self, kind: &Column) -> bool {
        self.position(kind).is_some()
    }

    /// A status-code table: a code column and a description, no parameter columns.
    pub(crate) fn is_status_table(&self) -> bool {
        self.has(&Column::Status) && !self.has(&Column::Name) && !self.has(&Column::Type)
    }

    /// A 请求方法 | URI table.
    pub(crate) fn is_endpoint_table(&self) -> bool {
        self.has(&Column::Method) && self.has(&Column::Uri)
    }

    /// Headers the reader does not know.
    pub(crate) fn unknown(&self) -> impl Iterator<Item = &str> {
        self.kinds.iter().filter_map(|kind| match kind {
            Column::Unknown(text) => Some(text.as_str()),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words() {
        assert_eq!(column("参数名称"), Column::Name);
        assert_eq!(column(" 是否必选 "), Column::Required);
        assert_eq!(column("参数类型"), Column::Type);
        assert_eq!(column("说明"), Column::Description);
        assert_eq!(column("返回值"), Column::Status);
        assert_eq!(column("URI"), Column::Uri);
        assert_eq!(column("取值"), Column::Unknown("取值".into()));
    }

    #[test]
    fn status_and_endpoint_tables() {
        let columns = Columns::from_header(["状态码", "描述"].into_iter());
        assert!(columns.is_status_table());
        let columns = Columns::from_header(["请求方法", "URI"].into_iter());
        assert!(columns.is_endpoint_table());
    }
}
