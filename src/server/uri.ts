// file:// URIs <-> absolute paths (the server handles the file scheme only).
import { fileURLToPath, pathToFileURL } from 'url';

export const URI = {
  isFile(uri: string): boolean {
    return uri.startsWith('file:');
  },
  toFile(uri: string): string {
    return fileURLToPath(uri);
  },
  fromFile(file: string): string {
    return pathToFileURL(file).href;
  },
};
