/**
 * The YAML library's error message, first line only and without its position (the caller names
 * file, line and column itself): its later lines quote the source, and the source may hold secrets.
 */
export function yamlProblem(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}
