// openapi-typescript 6 ships its types for `import` only; this is its one entry point as CommonJS sees it.
declare module 'openapi-typescript' {
  export default function openapiTS(schema: object, options?: { immutableTypes?: boolean; exportType?: boolean }): Promise<string>;
}
