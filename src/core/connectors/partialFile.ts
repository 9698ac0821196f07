// Downloads land in a hidden file beside the destination and are renamed when complete, so a
// failed or cancelled download never leaves a partial file under the name asked for.
import * as crypto from 'crypto';
import * as path from 'path';

export function partialPath(localPath: string): string {
  return path.join(path.dirname(localPath), `.${path.basename(localPath)}.${crypto.randomBytes(4).toString('hex')}.part`);
}
