import protobuf from 'protobufjs/light.js'

type Descriptor = Record<string, unknown>

const f = (id: number, type: string): Descriptor => ({ id, type })
const many = (id: number, type: string): Descriptor => ({ id, type, rule: 'repeated' })
const oneof = (...names: string[]): Descriptor => ({ oneof: names })
const message = (fields: Record<string, Descriptor>, oneofs?: Record<string, Descriptor>): Descriptor =>
  oneofs === undefined ? { fields } : { fields, oneofs }
const extensions = (id: number): Descriptor => many(id, 'NamedAny')
const primitive = (first: number): Record<string, Descriptor> => ({
  required: f(first, 'bool'),
  in: f(first + 1, 'string'),
  description: f(first + 2, 'string'),
  name: f(first + 3, 'string'),
})

/**
 * The messages of gnostic's `openapi.v2` package (github.com/google/gnostic-models, OpenAPIv2.proto)
 * that a Kubernetes v2 document uses, with gnostic's field numbers and snake_case names: what
 * kube-openapi's `ToProtoBinary` encodes and kubectl's `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`
 * decodes. Vendor extensions and defaults are `Any` values holding YAML text.
 */
export const gnosticV2Root: protobuf.Root = protobuf.Root.fromJSON({
  nested: {
    openapi: {
      nested: {
        v2: {
          nested: {
            AdditionalPropertiesItem: message({ schema: f(1, 'Schema'), boolean: f(2, 'bool') }, { oneof: oneof('schema', 'boolean') }),
            Any: message({ yaml: f(2, 'string') }),
            ApiKeySecurity: message({
              type: f(1, 'string'),
              name: f(2, 'string'),
              in: f(3, 'string'),
              description: f(4, 'string'),
              vendor_extension: extensions(5),
            }),
            BodyParameter: message({
              description: f(1, 'string'),
              name: f(2, 'string'),
              in: f(3, 'string'),
              required: f(4, 'bool'),
              schema: f(5, 'Schema'),
              vendor_extension: extensions(6),
            }),
            Definitions: message({ additional_properties: many(1, 'NamedSchema') }),
            Document: message({
              swagger: f(1, 'string'),
              info: f(2, 'Info'),
              paths: f(8, 'Paths'),
              definitions: f(9, 'Definitions'),
              security: many(12, 'SecurityRequirement'),
              security_definitions: f(13, 'SecurityDefinitions'),
              vendor_extension: extensions(16),
            }),
            Info: message({ title: f(1, 'string'), version: f(2, 'string'), description: f(3, 'string'), vendor_extension: extensions(7) }),
            ItemsItem: message({ schema: many(1, 'Schema') }),
            JsonReference: message({ _ref: f(1, 'string'), description: f(2, 'string') }),
            NamedAny: message({ name: f(1, 'string'), value: f(2, 'Any') }),
            NamedPathItem: message({ name: f(1, 'string'), value: f(2, 'PathItem') }),
            NamedResponseValue: message({ name: f(1, 'string'), value: f(2, 'ResponseValue') }),
            NamedSchema: message({ name: f(1, 'string'), value: f(2, 'Schema') }),
            NamedSecurityDefinitionsItem: message({ name: f(1, 'string'), value: f(2, 'SecurityDefinitionsItem') }),
            NamedStringArray: message({ name: f(1, 'string'), value: f(2, 'StringArray') }),
            NonBodyParameter: message(
              { query_parameter_sub_schema: f(3, 'QueryParameterSubSchema'), path_parameter_sub_schema: f(4, 'PathParameterSubSchema') },
              { oneof: oneof('query_parameter_sub_schema', 'path_parameter_sub_schema') },
            ),
            Operation: message({
              tags: many(1, 'string'),
              summary: f(2, 'string'),
              description: f(3, 'string'),
              operation_id: f(5, 'string'),
              produces: many(6, 'string'),
              consumes: many(7, 'string'),
              parameters: many(8, 'ParametersItem'),
              responses: f(9, 'Responses'),
              schemes: many(10, 'string'),
              deprecated: f(11, 'bool'),
              vendor_extension: extensions(13),
            }),
            Parameter: message(
              { body_parameter: f(1, 'BodyParameter'), non_body_parameter: f(2, 'NonBodyParameter') },
              { oneof: oneof('body_parameter', 'non_body_parameter') },
            ),
            ParametersItem: message(
              { parameter: f(1, 'Parameter'), json_reference: f(2, 'JsonReference') },
              { oneof: oneof('parameter', 'json_reference') },
            ),
            PathItem: message({
              _ref: f(1, 'string'),
              get: f(2, 'Operation'),
              put: f(3, 'Operation'),
              post: f(4, 'Operation'),
              delete: f(5, 'Operation'),
              options: f(6, 'Operation'),
              head: f(7, 'Operation'),
              patch: f(8, 'Operation'),
              parameters: many(9, 'ParametersItem'),
              vendor_extension: extensions(10),
            }),
            PathParameterSubSchema: message({
              ...primitive(1),
              type: f(5, 'string'),
              format: f(6, 'string'),
              unique_items: f(19, 'bool'),
              vendor_extension: extensions(22),
            }),
            Paths: message({ vendor_extension: extensions(1), path: many(2, 'NamedPathItem') }),
            Properties: message({ additional_properties: many(1, 'NamedSchema') }),
            QueryParameterSubSchema: message({
              ...primitive(1),
              type: f(6, 'string'),
              format: f(7, 'string'),
              unique_items: f(20, 'bool'),
              vendor_extension: extensions(23),
            }),
            Response: message({ description: f(1, 'string'), schema: f(2, 'SchemaItem'), vendor_extension: extensions(5) }),
            ResponseValue: message(
              { response: f(1, 'Response'), json_reference: f(2, 'JsonReference') },
              { oneof: oneof('response', 'json_reference') },
            ),
            Responses: message({ response_code: many(1, 'NamedResponseValue'), vendor_extension: extensions(2) }),
            Schema: message({
              _ref: f(1, 'string'),
              format: f(2, 'string'),
              title: f(3, 'string'),
              description: f(4, 'string'),
              default: f(5, 'Any'),
              required: many(19, 'string'),
              enum: many(20, 'Any'),
              additional_properties: f(21, 'AdditionalPropertiesItem'),
              type: f(22, 'TypeItem'),
              items: f(23, 'ItemsItem'),
              all_of: many(24, 'Schema'),
              properties: f(25, 'Properties'),
              vendor_extension: extensions(31),
            }),
            SchemaItem: message({ schema: f(1, 'Schema') }, { oneof: oneof('schema') }),
            SecurityDefinitions: message({ additional_properties: many(1, 'NamedSecurityDefinitionsItem') }),
            SecurityDefinitionsItem: message({ api_key_security: f(2, 'ApiKeySecurity') }, { oneof: oneof('api_key_security') }),
            SecurityRequirement: message({ additional_properties: many(1, 'NamedStringArray') }),
            StringArray: message({ value: many(1, 'string') }),
            TypeItem: message({ value: many(1, 'string') }),
          },
        },
      },
    },
  },
})

/** gnostic's `openapi.v2.Document`. */
export const gnosticV2Document: protobuf.Type = gnosticV2Root.lookupType('openapi.v2.Document')
