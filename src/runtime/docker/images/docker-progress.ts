import type Dockerode from 'dockerode';

/** Follows a Docker build/import progress stream; rejects with Docker's own error text. */
export function followProgress(docker: Dockerode, stream: NodeJS.ReadableStream, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, output: { error?: string; errorDetail?: { message?: string } }[]) => {
      if (error) return reject(error);
      const failed = output.find((item) => item.error ?? item.errorDetail);
      if (failed) return reject(new Error(failed.errorDetail?.message ?? failed.error));
      resolve();
    }, (event: { stream?: string; status?: string }) => {
      const text = (event.stream ?? event.status ?? '').trimEnd();
      if (text !== '') onLine(text);
    });
  });
}
