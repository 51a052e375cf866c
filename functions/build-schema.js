/**
 * serverless.yml sets `build.esbuild: false` so that Serverless Framework v4 leaves building to
 * serverless-esbuild (its built-in esbuild would build the .ts handler a second time). v4 knows `build`;
 * osls does not and rejects unknown top-level keys, so this declares it there and does nothing on v4.
 */
class BuildSchema {
  constructor(serverless) {
    const schema = serverless.configSchemaHandler;
    if (!schema.schema.properties.build) schema.defineTopLevelProperty('build', { type: 'object' });
  }
}

module.exports = BuildSchema;
