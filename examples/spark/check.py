"""`make spark-check`: the Spark job's claims equal those of a direct `claimtab run`.

    python examples/spark/check.py --binary target/release/claimtab --shared ../shared \\
        --work target/spark [--master 'local[2]'] [--bench]

For each corpus (a JSON Lines version of SHARED/corpus/dev, made here,
SHARED/corpus/wikinews.jsonl, and a few invented articles with bad records) it runs `claimtab run` on the file and the Spark job
(claims_job.py, through spark-submit) on the same file, and compares the claims row by
row in input order (JSON values as the CSV cells: numbers as digits, null as empty), and
the messages of the error records with the error rows of documents.csv. Exit code 0 when all are equal.

With --bench it then times the job over bbc.jsonl + reuters.jsonl with local[1] and
local[2] (one claimtab process per task, one thread each) and prints MB/s.
"""

import argparse
import csv
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def txt_folder_to_jsonl(folder, path):
    """One JSON line per .txt file: `id` as a folder run names it (the path below the
    folder without .txt) and `text` the whole file. Header lines and the headline stay
    in the text (a JSON line has no header), so the claims can differ from a run over the
    folder: both sides of the check read this file."""
    names = sorted(glob.glob(os.path.join(folder, "**", "*.txt"), recursive=True))
    with open(path, "w", encoding="utf-8") as out:
        for name in names:
            with open(name, encoding="utf-8", errors="replace") as f:
                text = f.read().lstrip("\ufeff")
            doc_id = os.path.relpath(name, folder)[: -len(".txt")]
            out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return len(names)


def invented_corpus(path):
    """A few articles of our own, and records that cannot be read, for the error path."""
    lines = []
    for i in range(12):
        text = (f"Mayor Ilse Brandvold said the bridge {i} would reopen on Monday.\n\n"
                f"\"We kept our promise,\" she told reporters. The council has not confirmed "
                f"the date, according to a spokesperson for the Harbour Authority.")
        lines.append(json.dumps({"id": f"invented-{i}", "title": f"Bridge {i}", "text": text}))
        if i == 4:
            lines.append('{"id": "broken", "text": ')
        if i == 8:
            lines.append(json.dumps({"id": "no-text", "title": "Nothing"}))
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def direct_run(binary, corpus, out):
    result = subprocess.run([binary, "run", corpus, "--out", out, "--progress", "never"],
                            stderr=subprocess.PIPE, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"claimtab run {corpus} failed:\n{result.stderr}")
    with open(os.path.join(out, "claims.csv"), newline="", encoding="utf-8") as f:
        claims = list(csv.DictReader(f))
    with open(os.path.join(out, "documents.csv"), newline="", encoding="utf-8") as f:
        errors = [row["error"] for row in csv.DictReader(f) if row["status"] == "error"]
    return claims, errors


def spark_job(binary, corpus, out, master, partitions=0):
    spark_submit = os.path.join(os.path.dirname(sys.executable), "spark-submit")
    command = [spark_submit, "--master", master, "--driver-memory", "2g",
               os.path.join(HERE, "claims_job.py"),
               "--binary", binary, "--input", corpus, "--output", out]
    if partitions:
        command += ["--partitions", str(partitions)]
    # spark-submit finds Spark and Python through PATH's `python3`: point it at this venv.
    import pyspark
    env = dict(os.environ,
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
               SPARK_HOME=os.path.dirname(pyspark.__file__),
               PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    log = out.rstrip("/") + ".log"
    with open(log, "w") as stderr:
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=stderr, text=True, env=env)
    print(result.stdout.strip())
    if result.returncode != 0:
        with open(log) as f:
            sys.stderr.write("".join(f.readlines()[-40:]))
        sys.exit(f"the Spark job failed on {corpus} (exit code {result.returncode}); log: {log}")
    return result.stdout


def read_parts(folder):
    """The objects of a saveAsTextFile folder, in part order (= input order)."""
    rows = []
    for part in sorted(glob.glob(os.path.join(folder, "part-*"))):
        with open(part, encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    return rows


def as_cells(obj):
    """A stream object as the CSV cells of claims.csv."""
    cell = lambda v: "" if v is None else v if isinstance(v, str) else json.dumps(v)
    return {key: cell(value) for key, value in obj.items()}


def check(binary, corpus, work, master):
    name = os.path.splitext(os.path.basename(corpus))[0]
    claims, errors = direct_run(binary, corpus, os.path.join(work, f"direct-{name}"))
    out = os.path.join(work, f"spark-{name}")
    subprocess.run(["rm", "-rf", out], check=True)
    spark_job(binary, corpus, out, master, partitions=3)
    spark_claims = [as_cells(o) for o in read_parts(os.path.join(out, "claims"))]
    # Messages, not ids: a line without a readable id is `<stdin>:N` in a partition and
    # `path:line` in a run.
    spark_errors = [o["error"] for o in read_parts(os.path.join(out, "errors"))]
    problems = []
    if len(spark_claims) != len(claims):
        problems.append(f"{len(spark_claims)} claims from Spark, {len(claims)} from the run")
    for i, (got, want) in enumerate(zip(spark_claims, claims)):
        if got != want:
            diff = {k: (got.get(k), want.get(k)) for k in want if got.get(k) != want.get(k)}
            problems.append(f"claim {i} ({want['claim_id']}) differs: {diff}")
            break
    if spark_errors != errors:
        problems.append(f"error records differ: {spark_errors} vs {errors}")
    verdict = "FAIL" if problems else "ok"
    print(f"spark-check {name}: {verdict}: {len(claims)} claims, {len(errors)} error records"
          f" ({master}, 3 partitions) vs claimtab run")
    for p in problems:
        print(f"  {p}")
    return not problems


def bench(binary, shared, work):
    corpora = [os.path.join(shared, "corpus", n) for n in ("bbc.jsonl", "reuters.jsonl")]
    for master in ("local[1]", "local[2]"):
        out = os.path.join(work, "bench")
        subprocess.run(["rm", "-rf", out], check=True)
        spark_job(binary, ",".join(corpora), out, master, partitions=8)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--bench", action="store_true")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    os.makedirs(args.work, exist_ok=True)
    dev = os.path.join(args.work, "dev.jsonl")
    count = txt_folder_to_jsonl(os.path.join(args.shared, "corpus", "dev"), dev)
    print(f"{dev}: {count} articles from {args.shared}/corpus/dev")
    invented = os.path.join(args.work, "invented.jsonl")
    invented_corpus(invented)
    corpora = [dev, os.path.join(args.shared, "corpus", "wikinews.jsonl"), invented]
    ok = all([check(binary, c, args.work, args.master) for c in corpora])
    if args.bench:
        bench(binary, args.shared, args.work)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
