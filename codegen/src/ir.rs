//! Stage 3, the intermediate model: what the emitters need, with every `$ref` resolved, every name
//! chosen and every constraint explicit. Nothing here refers back to `openapiv3`.

use crate::diagnostics::Location;

/// One spec file: an API service, or a page that only documents a status-code table.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// The Rust module and cargo feature name (from the file name).
    pub module: String,
    /// The spec file as shown to users.
    pub spec_file: String,
    /// `info.title`.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `info.version`.
    pub version: String,
    /// The documentation page the spec transcribes (`x-huawei-source`).
    pub source: Option<SourcePage>,
    /// Server URL templates, such as `https://ces.{region}.myhuaweicloud.com`: `{region}` is left
    /// for the client to fill, every other server variable is replaced by its default.
    pub servers: Vec<String>,
    /// The server variables other than `region`, as documented (their defaults are in `servers`).
    pub server_variables: Vec<ServerVariable>,
    /// Named types, in spec order: components first, then inline types in the order they were met.
    pub types: Vec<TypeDef>,
    /// Operations, in spec order (paths, then methods in the order OpenAPI lists them).
    pub operations: Vec<Operation>,
    /// The name of the service's async client type, when it has operations.
    pub client_type: Option<String>,
    /// A service-wide status-code table (`x-huawei-status-codes`).
    pub status_table: Option<StatusTable>,
    /// The modules operations are grouped into, by their first tag; empty when all operations share
    /// one tag (or none), and the service module holds them directly.
    pub groups: Vec<Group>,
    /// How much of the spec was generated (less than all only when unsupported parts were skipped).
    pub coverage: Coverage,
}

impl Service {
    /// The ids of its named types, in order.
    pub fn type_ids(&self) -> impl Iterator<Item = TypeId> + use<> {
        (0..self.types.len()).map(TypeId)
    }

    /// The ids of its groups, in order.
    pub fn group_ids(&self) -> impl Iterator<Item = GroupId> + use<> {
        (0..self.groups.len()).map(GroupId)
    }
}

/// How many operations and named types the spec has, and how many were generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Operations in the spec.
    pub operations_total: usize,
    /// Operations generated.
    pub operations_generated: usize,
    /// Named types (objects and enums) the spec defines, components and inline.
    pub types_total: usize,
    /// Named types generated.
    pub types_generated: usize,
}

/// A module of operations: those whose first tag is `tag`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The Rust module name.
    pub module: String,
    /// The tag as the spec names it; `None` for the operations that have no tag.
    pub tag: Option<String>,
    /// The tag's description from the spec's `tags` list.
    pub description: Option<String>,
}

/// Names a group: an index into [`Service::groups`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupId(usize);

impl GroupId {
    /// The group at `index` of [`Service::groups`].
    pub const fn new(index: usize) -> Self {
        Self(index)
    }

    /// Its index into [`Service::groups`].
    pub const fn index(self) -> usize {
        self.0
    }
}

impl std::ops::Index<GroupId> for Vec<Group> {
    type Output = Group;

    fn index(&self, id: GroupId) -> &Group {
        &self[id.0]
    }
}

/// A variable of a server URL template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerVariable {
    /// Its name in the template.
    pub name: String,
    /// The value used.
    pub default: String,
    /// The values the spec allows (empty when any value is).
    pub values: Vec<String>,
    /// Its description.
    pub description: Option<String>,
}

/// Which documentation page a spec, operation or status table transcribes (`x-huawei-source`).
pub use crate::vendor::Source as SourcePage;

/// Names a type: an index into [`Service::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(usize);

impl TypeId {
    /// The type at `index` of [`Service::types`].
    pub const fn new(index: usize) -> Self {
        Self(index)
    }

    /// Its index into [`Service::types`].
    pub const fn index(self) -> usize {
        self.0
    }
}

impl std::ops::Index<TypeId> for Vec<TypeDef> {
    type Output = TypeDef;

    fn index(&self, id: TypeId) -> &TypeDef {
        &self[id.0]
    }
}

/// A named Rust type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust name.
    pub name: String,
    /// Where the schema is: its file and pointer (lines are looked up for diagnostics only).
    pub origin: Location,
    /// The schema's description.
    pub description: Option<String>,
    /// A struct or an enum.
    pub kind: TypeKind,
    /// For a struct: which properties must be present together (`anyOf`/`oneOf` of `required`
    /// lists), checked by `validate()`.
    pub presence: Option<Presence>,
    /// For a struct: how many properties it may have, checked by `validate()`.
    pub property_count: PropertyCount,
}

/// `minProperties` and `maxProperties` of an object with declared properties: bounds on how many
/// of its properties are present (required ones, optional ones that are `Some`, and additional ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PropertyCount {
    /// `minProperties`.
    pub min: Option<usize>,
    /// `maxProperties`.
    pub max: Option<usize>,
}

impl PropertyCount {
    /// Whether there is a bound to check.
    pub fn is_bounded(&self) -> bool {
        self.min.is_some() || self.max.is_some()
    }
}

/// Alternative sets of properties an object must have: at least one set (`anyOf`) or exactly one
/// (`oneOf`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
    /// Each alternative's properties, by wire name.
    pub alternatives: Vec<Vec<String>>,
    /// `oneOf`: exactly one alternative may hold.
    pub exactly_one: bool,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Vec<Field>),
    /// A string with an `enum` list; unknown values are kept, not rejected, when decoding.
    StringEnum(Vec<EnumValue>),
    /// `oneOf` / `anyOf`: one of several shapes. With a discriminator property, decoding picks the
    /// alternative by that property's value; without, it tries them in spec order.
    Union(Vec<UnionVariant>, Option<String>),
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub rust_name: String,
    /// The alternative's shape.
    pub shape: Shape,
    /// Whether the variant must be boxed because the union contains itself.
    pub boxed: bool,
    /// The discriminator values that select this alternative (empty without a discriminator).
    pub tags: Vec<String>,
}

/// A property of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The property name on the wire.
    pub wire_name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// Whether the property is in `required`.
    pub required: bool,
    /// The property's description (or that of the schema it refers to).
    pub description: Option<String>,
    /// The value's type and constraints.
    pub shape: Shape,
    /// Whether the field must be boxed because the type contains itself.
    pub boxed: bool,
    /// Whether this field holds the object's additional properties (a map flattened into it).
    pub flatten: bool,
}

/// One documented value of a string enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    /// The value on the wire.
    pub wire_value: String,
    /// The Rust variant name.
    pub rust_name: String,
}

/// A value's type together with its documented constraints.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The type.
    pub kind: ShapeKind,
    /// The constraints the spec states for it.
    pub constraints: Constraints,
    /// Whether `null` is a valid value (`nullable: true`, or `null` in an `enum`).
    pub nullable: bool,
}

impl Shape {
    /// A non-nullable shape without constraints.
    pub fn plain(kind: ShapeKind) -> Self {
        Self { kind, constraints: Constraints::default(), nullable: false }
    }
}

/// The type of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    /// `type: string`, with the format that validation checks.
    String(Option<StringFormat>),
    /// `type: integer`.
    Integer(IntegerWidth),
    /// `type: number`.
    Number(NumberWidth),
    /// `type: boolean`.
    Boolean,
    /// `type: array`.
    Array(Box<Shape>),
    /// A named type.
    Named(TypeId),
    /// Any JSON value (an empty schema).
    AnyJson,
    /// An object with no declared properties (a free-form JSON object).
    JsonObject,
    /// An object whose property values all have one shape (`additionalProperties: {schema}`).
    Map(Box<Shape>),
    /// A body that is not JSON (text, binary, XML, `*/*`): its raw bytes.
    Binary,
    /// `format: byte`: bytes sent as base64 text (`runtime::Base64`).
    Base64,
}

/// String formats validation understands. Others are kept in the docs only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringFormat {
    /// `format: uuid`.
    Uuid,
    /// `format: date-time` (RFC 3339).
    DateTime,
}

/// Integer widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegerWidth {
    /// `format: int32`.
    I32,
    /// `format: int64`, or no format.
    I64,
}

/// Floating-point widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberWidth {
    /// `format: float`.
    F32,
    /// `format: double`, or no format.
    F64,
}

/// Documented constraints. Each is checked by the generated `validate()`.
#[derive(Clone, Default, PartialEq)]
pub struct Constraints {
    /// `minLength`.
    pub min_length: Option<usize>,
    /// `maxLength`.
    pub max_length: Option<usize>,
    /// `pattern`, an ECMA-262 regular expression (read at generation time; see [`Pattern`]).
    pub pattern: Option<Pattern>,
    /// A `pattern` that is not an ECMA-262 regular expression, left unchecked (only `cargo xtask
    /// generate` accepts one, with a warning; the docs say it is not checked).
    pub unchecked_pattern: Option<String>,
    /// `minItems`.
    pub min_items: Option<usize>,
    /// `maxItems`.
    pub max_items: Option<usize>,
    /// `minimum` with `exclusiveMinimum`.
    pub minimum: Option<Bound>,
    /// `maximum` with `exclusiveMaximum`.
    pub maximum: Option<Bound>,
    /// `uniqueItems: true`.
    pub unique_items: bool,
    /// `multipleOf`.
    pub multiple_of: Option<f64>,
    /// `minProperties` of a map or free-form object.
    pub min_properties: Option<usize>,
    /// `maxProperties` of a map or free-form object.
    pub max_properties: Option<usize>,
    /// `enum` of an integer schema: the only values allowed.
    pub allowed_integers: Option<Vec<i64>>,
    /// `enum` of a number schema: the only values allowed.
    pub allowed_numbers: Option<Vec<f64>>,
    /// `enum` of a boolean schema (`[true]`, say): the only values allowed.
    pub allowed_booleans: Option<Vec<bool>>,
    /// A documented `format` that validation does not check (shown in the docs).
    pub unchecked_format: Option<String>,
}

/// Only the constraints that are set, each by name: most shapes have none, and identical inline
/// objects are found by comparing this text for every field of every inline object.
impl std::fmt::Debug for Constraints {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn set<T: std::fmt::Debug>(
            out: &mut std::fmt::DebugStruct<'_, '_>,
            name: &str,
            value: Option<&T>,
        ) {
            if let Some(value) = value {
                out.field(name, value);
            }
        }
        // Destructured so that a new constraint cannot be left out.
        let Self {
            min_length,
            max_length,
            pattern,
            unchecked_pattern,
            min_items,
            max_items,
            minimum,
            maximum,
            unique_items,
            multiple_of,
            min_properties,
            max_properties,
            allowed_integers,
            allowed_numbers,
            allowed_booleans,
            unchecked_format,
        } = self;
        let mut out = f.debug_struct("Constraints");
        set(&mut out, "min_length", min_length.as_ref());
        set(&mut out, "max_length", max_length.as_ref());
        set(&mut out, "pattern", pattern.as_ref());
        set(&mut out, "unchecked_pattern", unchecked_pattern.as_ref());
        set(&mut out, "min_items", min_items.as_ref());
        set(&mut out, "max_items", max_items.as_ref());
        set(&mut out, "minimum", minimum.as_ref());
        set(&mut out, "maximum", maximum.as_ref());
        set(&mut out, "unique_items", unique_items.then_some(&true));
        set(&mut out, "multiple_of", multiple_of.as_ref());
        set(&mut out, "min_properties", min_properties.as_ref());
        set(&mut out, "max_properties", max_properties.as_ref());
        set(&mut out, "allowed_integers", allowed_integers.as_ref());
        set(&mut out, "allowed_numbers", allowed_numbers.as_ref());
        set(&mut out, "allowed_booleans", allowed_booleans.as_ref());
        set(&mut out, "unchecked_format", unchecked_format.as_ref());
        out.finish()
    }
}

impl Constraints {
    /// Whether validation has anything to check.
    pub fn has_checks(&self) -> bool {
        self.min_length.is_some()
            || self.max_length.is_some()
            || self.pattern.is_some()
            || self.min_items.is_some()
            || self.max_items.is_some()
            || self.minimum.is_some()
            || self.maximum.is_some()
            || self.unique_items
            || self.multiple_of.is_some()
            || self.min_properties.is_some()
            || self.max_properties.is_some()
            || self.allowed_integers.is_some()
            || self.allowed_numbers.is_some()
            || self.allowed_booleans.is_some()
    }
}

/// A `pattern`: an ECMA-262 regular expression that values must contain a match of (it is not
/// implicitly anchored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The regular expression as the spec writes it.
    pub source: String,
    /// Whether it is read with the `u` flag, as JSON Schema asks. `false` for a pattern that is
    /// only valid without the flag (`[\d-x]`, `\-`), read with the syntax of ECMA-262's Annex B as a
    /// browser's `new RegExp(source)` would.
    pub unicode: bool,
}

/// A numeric bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// The bound as written.
    pub value: f64,
    /// Whether the bound itself is excluded.
    pub exclusive: bool,
}

/// An API operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The operationId as the documentation names it, e.g. `CreateEvents`.
    pub id: String,
    /// The UpperCamelCase base of the names of the operation's types.
    pub type_base: String,
    /// The request type's name (`{base}Request`).
    pub request_type: String,
    /// The response enum's name (`{base}Response`).
    pub response_type: String,
    /// The status enum's name (`{base}Status`).
    pub status_type: String,
    /// The snake_case name of the client method.
    pub method_name: String,
    /// The HTTP method, upper case.
    pub method: String,
    /// The path template as documented.
    pub path: String,
    /// The path template split into literal text and parameters.
    pub path_parts: Vec<PathPart>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// Where the operation is: its file and pointer (lines are looked up for diagnostics only).
    pub origin: Location,
    /// Parameters in spec order (path-item parameters first, then the operation's own).
    pub parameters: Vec<Parameter>,
    /// The JSON request body.
    pub body: Option<RequestBody>,
    /// The documented responses, in spec order.
    pub responses: Vec<Response>,
    /// The security requirements (operation-level, else the spec's), each alternative as
    /// `scheme (scope, ...)` with schemes joined by ` + `.
    pub security: Vec<String>,
    /// The first of the operation's `tags`.
    pub tag: Option<String>,
    /// The group whose module holds the operation; `None` when the service is not grouped.
    pub group: Option<GroupId>,
    /// The documentation page it transcribes (`x-huawei-source`).
    pub source: Option<SourcePage>,
    /// How its results are paged, when they are (`x-huawei-pagination`).
    pub pagination: Option<Pagination>,
}

/// How a list operation pages its results: where a page's items are, and how the request for the
/// next page is made from the current one and its response.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The items of a page: a field path into the success body, ending at an array.
    pub items: Vec<FieldStep>,
    /// The shape of one item.
    pub item: Shape,
    /// The Rust field of the page-size parameter, if there is one.
    pub limit: Option<String>,
    /// How the position of the next page is given.
    pub position: PagePosition,
    /// The total number of items: a field path into the success body, if the response has one.
    pub total: Option<Vec<FieldStep>>,
}

/// One step of a field path into a response body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldStep {
    /// The Rust field name.
    pub rust_name: String,
    /// Whether the field is an `Option` (absent means the path ends there).
    pub optional: bool,
    /// Whether it may be `null` too (`Option<Option<_>>` when optional).
    pub nullable: bool,
}

/// How a paged operation says where the next page starts.
#[derive(Debug, Clone, PartialEq)]
pub enum PagePosition {
    /// An item count to skip: the parameter (Rust field) and its integer width.
    Offset {
        /// The Rust field of the offset parameter.
        parameter: String,
        /// Its width.
        width: IntegerWidth,
    },
    /// An opaque marker: the parameter (Rust field) and where the next one comes from.
    Marker {
        /// The Rust field of the marker parameter.
        parameter: String,
        /// Where the next page's marker is.
        next: NextMarker,
    },
}

/// Where the marker of the next page comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum NextMarker {
    /// A field of the response body (a string).
    Field(Vec<FieldStep>),
    /// A field of the last item of the page (a string).
    LastItem(FieldStep),
}

impl Operation {
    /// Every shape the operation uses: parameters, request body, response bodies and headers.
    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        let parameters = self.parameters.iter().map(|p| &p.shape);
        let body = self.body.iter().map(|b| &b.shape);
        let responses = self
            .responses
            .iter()
            .flat_map(|r| r.body.iter().chain(r.headers.iter().map(|h| &h.shape)));
        let item = self.pagination.iter().map(|p| &p.item);
        parameters.chain(body).chain(responses).chain(item)
    }

    /// [`Operation::shapes`], to rewrite them.
    pub fn shapes_mut(&mut self) -> impl Iterator<Item = &mut Shape> {
        let parameters = self.parameters.iter_mut().map(|p| &mut p.shape);
        let body = self.body.iter_mut().map(|b| &mut b.shape);
        let responses = self
            .responses
            .iter_mut()
            .flat_map(|r| r.body.iter_mut().chain(r.headers.iter_mut().map(|h| &mut h.shape)));
        let item = self.pagination.iter_mut().map(|p| &mut p.item);
        parameters.chain(body).chain(responses).chain(item)
    }
}

/// How an object-valued query parameter is written (OpenAPI's `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectQueryStyle {
    /// `style: form`, `explode: true`: each property as its own pair, `role=admin&name=Alex`.
    FormExploded,
    /// `style: form`, `explode: false`: `id=role,admin,name,Alex`.
    Form,
    /// `style: deepObject`: `id[role]=admin&id[name]=Alex`.
    DeepObject,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Text sent as is.
    Literal(String),
    /// A path parameter, by its wire name.
    Parameter(String),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterLocation {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie in the `Cookie` header.
    Cookie,
}

/// A request parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The name on the wire.
    pub wire_name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// Where it goes.
    pub location: ParameterLocation,
    /// Whether it must be given.
    pub required: bool,
    /// Its description.
    pub description: Option<String>,
    /// Its type and constraints.
    pub shape: Shape,
    /// Whether the client fills it in rather than the caller.
    pub supplied_by_client: Option<ClientSupplied>,
    /// For a query array that is not exploded, the separator joining its values (`,`, ` ` or `|`);
    /// `None` repeats the parameter once per value.
    pub separator: Option<&'static str>,
    /// For an object in the query, how its properties are written.
    pub object_style: Option<ObjectQueryStyle>,
    /// `allowReserved`: reserved characters in a query value are sent as they are.
    pub allow_reserved: bool,
    /// Documented with `content: application/json` instead of `schema`: the value is sent as its
    /// JSON text, whatever its shape.
    pub json: bool,
}

/// The header a token-authenticated client fills in.
pub const AUTH_TOKEN_HEADER: &str = "X-Auth-Token";

/// Parameters the generated client fills from its configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientSupplied {
    /// A `project_id` path parameter: the configured project.
    ProjectId,
    /// An `X-Auth-Token` header: the token of token credentials (dropped for AK/SK, which sign).
    AuthToken,
}

/// The request body of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// The media type, sent as `Content-Type`.
    pub media_type: String,
    /// How the value becomes bytes.
    pub encoding: BodyEncoding,
    /// Whether the body must be sent.
    pub required: bool,
    /// Its description.
    pub description: Option<String>,
    /// Its type and constraints.
    pub shape: Shape,
    /// The documented examples.
    pub examples: Vec<Example>,
    /// The fields of a form or multipart body that its `encoding` writes in another way than the
    /// default, by wire name, in the order the spec lists them.
    pub field_styles: Vec<(String, FieldStyle)>,
}

/// How one field of a form (or multipart) body is written, when its `encoding` says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldStyle {
    /// `contentType: application/json`: the value's JSON text.
    Json,
    /// `style: form`, `explode: true`: a pair per array item or object property.
    FormExploded,
    /// `style: form`, `explode: false`: one pair, joined by commas.
    Form,
    /// `style: spaceDelimited`: an array's items joined by spaces.
    SpaceDelimited,
    /// `style: pipeDelimited`: an array's items joined by `|`.
    PipeDelimited,
    /// `style: deepObject`: brackets, `name[key]=v`, `name[0]=v`.
    DeepObject,
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyEncoding {
    /// JSON (`application/json`, `+json` types).
    Json,
    /// `application/x-www-form-urlencoded`: the object's properties as `name=value` pairs.
    Form,
    /// `multipart/form-data`: one part per property; `format: binary` properties are file parts.
    Multipart,
    /// Any other media type: the bytes as given.
    Raw,
}

/// A documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The status, its reason phrase and meaning, and the variant name.
    pub status: StatusEntry,
    /// The JSON body, when one is documented.
    pub body: Option<Shape>,
    /// The documented examples.
    pub examples: Vec<Example>,
    /// The documented headers, decoded into a struct named `headers_type` (`Content-Type` aside,
    /// which OpenAPI says to ignore).
    pub headers: Vec<ResponseHeader>,
    /// The name of the headers struct (`{base}{variant}Headers`); `None` without headers.
    pub headers_type: Option<String>,
}

/// A documented response header.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    /// The header's name as documented.
    pub wire_name: String,
    /// The snake_case field name.
    pub rust_name: String,
    /// `required`: its absence is a decoding error.
    pub required: bool,
    /// `description`.
    pub description: Option<String>,
    /// A scalar or string enum, or an array of them (comma-separated, OpenAPI's `simple` style).
    pub shape: Shape,
}

/// A documented example value.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The example's name (`example` for a lone `example`).
    pub name: String,
    /// The JSON value.
    pub value: serde_json::Value,
    /// Where it is: its file and pointer (lines are looked up for diagnostics only).
    pub origin: Location,
}

/// Which statuses a documented response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusPattern {
    /// One status code.
    Code(u16),
    /// A class, such as `4XX` (the digit is kept).
    Range(u16),
    /// `default`: every status not documented otherwise.
    Default,
}

/// One documented status code (or range, or `default`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StatusEntry {
    /// The statuses covered.
    pub pattern: StatusPattern,
    /// The code, or for a range its first code (`400`), or `0` for `default`.
    pub code: u16,
    /// The reason phrase, as the page writes it (or the standard phrase when the page gives none).
    pub reason: String,
    /// What the status means for this API, where the page says.
    pub meaning: Option<String>,
    /// Whether the page counts it as success.
    pub success: bool,
    /// The Rust variant name.
    pub variant: String,
}

impl StatusEntry {
    /// How the spec writes the status: `201`, `4XX` or `default`.
    pub fn label(&self) -> String {
        match self.pattern {
            StatusPattern::Code(code) => code.to_string(),
            StatusPattern::Range(class) => format!("{class}XX"),
            StatusPattern::Default => "default".to_owned(),
        }
    }

    /// Whether the entry covers more than one code (its variants carry the actual code).
    pub fn is_pattern(&self) -> bool {
        !matches!(self.pattern, StatusPattern::Code(_))
    }

    /// Whether a response of this entry may be a success: a 2xx code, the `2XX` range, or
    /// `default` (which covers whatever is not documented otherwise).
    pub fn may_succeed(&self) -> bool {
        match self.pattern {
            StatusPattern::Code(code) => (200..300).contains(&code),
            StatusPattern::Range(class) => class == 2,
            StatusPattern::Default => true,
        }
    }
}

/// A service-wide table of status codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusTable {
    /// The Rust enum name.
    pub name: String,
    /// The entries in page order.
    pub entries: Vec<StatusEntry>,
}
