"""Claims from a JSON Lines corpus with Apache Spark: one claimtab process per partition.

    spark-submit --master 'local[2]' examples/spark/claims_job.py \\
        --binary target/release/claimtab --input corpus.jsonl --output out/spark

The binary goes to every executor with SparkContext.addFile. Each partition of the input
(lines of JSON Lines articles: "id", "text", optional "title" and "date") is piped through
`claimtab stream --format jsonl --threads 1`, which answers with one JSON object per claim
(the columns of claims.csv) and one per record it could not read ("status": "error").
The claims are saved as JSON Lines text files in OUTPUT/claims (part-00000, ...; in input
order when read in part order), the error objects in OUTPUT/errors.

This is RDD.pipe, with two changes that matter on a cluster: the binary's path is found
with SparkFiles.get on the executor that starts the process (on the driver it names the
driver's copy), and the exit code is checked: 0 and 1 (some records could not be read:
their error objects say which) are fine, anything else fails the task, so that Spark
retries it instead of losing the rest of the partition.
"""

import argparse
import os
import stat
import subprocess
import threading
import time

from pyspark import SparkFiles, StorageLevel
from pyspark.sql import SparkSession

BINARY_NAME = "claimtab"


def claimtab_partition(binary_name, threads):
    """A mapPartitions function: the partition's lines in, claimtab's JSON lines out."""

    def run(lines):
        binary = SparkFiles.get(binary_name)
        mode = os.stat(binary).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(binary, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        command = [binary, "stream", "--format", "jsonl", "--threads", str(threads)]
        # stderr is inherited: claimtab's messages go to the executor's log.
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        failure = []

        def feed():
            # Written from a thread: claimtab answers while it reads, and a full stdout
            # pipe must not block the writer.
            try:
                for line in lines:
                    process.stdin.write(line.rstrip("\n").encode("utf-8") + b"\n")
            except BrokenPipeError as e:
                failure.append(e)
            finally:
                try:
                    process.stdin.close()
                except BrokenPipeError:
                    pass

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        for row in process.stdout:
            yield row.decode("utf-8").rstrip("\n")
        code = process.wait()
        feeder.join()
        if code not in (0, 1) or failure:
            raise RuntimeError(f"{' '.join(command)} exited with {code} ({failure})")

    return run


def is_error(row):
    """Whether a row of `claimtab stream --format jsonl` is an error object. Those start
    with `{"doc_id"` and claims with `{"claim_id"` (the field order is fixed), which is
    cheaper to test than parsing every row."""
    return row.startswith('{"doc_id"')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True, help="the claimtab executable")
    parser.add_argument("--input", required=True, help="JSON Lines file(s), comma-separated")
    parser.add_argument("--output", required=True, help="folder for claims/ and errors/")
    parser.add_argument("--partitions", type=int, default=0,
                        help="minimum partitions of the input (0: Spark's default)")
    parser.add_argument("--threads", type=int, default=1,
                        help="claimtab threads per partition (1: Spark runs one task per core)")
    args = parser.parse_args()

    spark = (SparkSession.builder.appName("claimtab")
             .config("spark.ui.enabled", "false")
             .getOrCreate())
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    sc.addFile(os.path.abspath(args.binary))
    binary_name = os.path.basename(args.binary)

    started = time.time()
    lines = (sc.textFile(args.input, args.partitions) if args.partitions
             else sc.textFile(args.input))
    # Blank lines are no records; claimtab would skip them too, but they cost a pipe write.
    rows = (lines.filter(lambda line: line.strip())
            .mapPartitions(claimtab_partition(binary_name, args.threads))
            .persist(StorageLevel.MEMORY_AND_DISK))
    rows.filter(lambda row: not is_error(row)).saveAsTextFile(os.path.join(args.output, "claims"))
    rows.filter(is_error).saveAsTextFile(os.path.join(args.output, "errors"))
    seconds = time.time() - started

    counts = rows.map(is_error).countByValue()
    claims, errors = counts.get(False, 0), counts.get(True, 0)
    paths = args.input.split(",")
    # Input size (for MB/s) only for local files.
    size = (f"{sum(map(os.path.getsize, paths)) / 1e6:.1f} MB"
            if all(map(os.path.isfile, paths)) else "input")
    rate = (f" ({float(size.split()[0]) / seconds:.2f} MB/s)" if size.endswith("MB") else "")
    print(f"claims_job: {size} of JSON Lines, {lines.getNumPartitions()} partitions, "
          f"master {sc.master}: {claims} claims, {errors} error records "
          f"in {seconds:.1f} s{rate}")
    spark.stop()


if __name__ == "__main__":
    main()
