"""An independent recount of the figures the report quotes, from a release's CSV files, in SQL (DuckDB).

Written from the definitions the report gives (its methodology and the appendix of definitions), never from
the pipeline's code: nothing here imports `analysis`. Each function returns the figure as the build's
`values.json` stores it (a count, a share rounded as printed, an ISO date), so a test can compare the two
and name the figure on which they disagree.

Definitions used (the report's words):
- a person's day of death is `date_died`, else `date_first_reported`; the day of the fatal incident is
  `date_injured`, else the day of death;
- a fatal incident is an event with at least one death in the record; a death linked to no event is an
  incident of its own;
- a reporter's toll of a day is its last one: a toll that another toll of the same reporter, day, scope and
  event `supersedes` is not; of the rest, one whose `report_time` is earlier than another's is not;
- a claim counts the deaths that had occurred by its date, of the categories it names (all when none);
- a rate is deaths per 100,000 residents of the 2022 projection; a rate ratio compares a group of departments
  with all the others;
- shares are percentages with one decimal, halves rounded away from zero;
- a fatal incident's proceedings are those with a step naming it; its furthest stage is the furthest of those
  steps' stages in the order complaint, preliminary investigation, formal investigation, indictment, trial,
  verdict (a formal investigation or later: "formalised"); a verdict is a step at the stage verdict;
- the first support per person killed or seriously injured is the amount per person of the earliest dated
  reparation measure giving one.
"""

from __future__ import annotations

import csv
import math
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
from scipy.stats import beta

TABLES = ("victims", "events", "tallies", "sources", "regions", "claims")
ACCOUNTABILITY = ("proceedings", "reparations")  # tables added to the format later: absent from older releases
ADDED = {  # fields added to the format after the first releases
    "tallies": ("report_time", "supersedes"),
    "claims": ("categories",),
    "sources": ("copy_url", "copy_kind", "read_date", "original_found"),
}
DEFENSORIA = "Defensoría del Pueblo"
SEED = "peoplesdispatch-2023-01-10-juliaca"


def rounded(value: float, decimals: int) -> float:
    """Rounded as the report prints: halves away from zero, from the shortest decimal form."""
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP))


def connect(release: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory database with one view per table of the release, every column as text (empty: NULL), and
    the fields added to the format since an older release present and empty."""
    db = duckdb.connect()
    for table in TABLES:
        path = release / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        extra = "".join(f", NULL::VARCHAR AS {c}" for c in ADDED.get(table, ()) if c not in header)
        db.execute(f"CREATE VIEW {table} AS SELECT *{extra} FROM read_csv('{path}', header = true, all_varchar = true)")
    for table in ACCOUNTABILITY:
        path = release / f"{table}.csv"
        if path.is_file():
            db.execute(f"CREATE VIEW {table} AS SELECT * FROM read_csv('{path}', header = true, all_varchar = true)")
    db.execute("""
        CREATE VIEW people AS SELECT *,
            CAST(COALESCE(date_died, date_first_reported) AS DATE) AS death_day,
            CAST(COALESCE(date_injured, date_died, date_first_reported) AS DATE) AS incident_day,
            COALESCE(event_id, 'victim:' || victim_id) AS incident,
            TRY_CAST(age AS INTEGER) AS age_years
        FROM victims""")
    db.execute("""
        CREATE VIEW last_tolls AS
        WITH kept AS (
            SELECT * FROM tallies
            WHERE tally_id NOT IN (SELECT supersedes FROM tallies WHERE supersedes IS NOT NULL)
        ), timed AS (
            SELECT *, MAX(report_time) OVER (
                PARTITION BY reporter, scope, COALESCE(event_id, ''), report_date) AS latest
            FROM kept
        )
        SELECT DISTINCT ON (reporter, scope, COALESCE(event_id, ''), report_date, total_deaths, clash_civilians,
                            roadblock_related, police, soldiers, other, injured) *
        FROM timed WHERE report_time IS NULL OR report_time = latest""")
    return db


def one(db: duckdb.DuckDBPyConnection, sql: str, *params) -> object:
    """The single value a query returns."""
    rows = db.execute(sql, list(params)).fetchall()
    assert len(rows) == 1 and len(rows[0]) == 1, f"expected one value from: {sql}"
    return rows[0][0]


def share(part: float, whole: float) -> float:
    """A percentage with one decimal."""
    return rounded(100 * part / whole, 1)


def exact_rate_ratio(k1: int, e1: float, k2: int, e2: float) -> tuple[float, float, float]:
    """Rate ratio of group 1 against group 2 with its exact conditional 95% interval (Clopper-Pearson on the
    share of the deaths in group 1, turned into a ratio of rates)."""
    n = k1 + k2
    low = beta.ppf(0.025, k1, n - k1 + 1) if k1 > 0 else 0.0
    high = beta.ppf(0.975, k1 + 1, n - k1) if k1 < n else math.inf
    odds = e2 / e1
    return k1 / e1 / (k2 / e2), low / (1 - low) * odds, high / (1 - high) * odds


def summary(db: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """The figures of the summary of key findings."""
    out: dict[str, object] = {}
    total = one(db, "SELECT COUNT(*) FROM people")
    out["deaths_total"] = total
    for category in ("clash_civilian", "roadblock_related", "police", "soldier", "other"):
        out[f"deaths_{category}"] = one(db, "SELECT COUNT(*) FROM people WHERE category = ?", category)
    out["first_death"] = str(one(db, "SELECT MIN(death_day) FROM people"))
    out["last_death"] = str(one(db, "SELECT MAX(death_day) FROM people"))
    events = db.execute("""
        SELECT p.event_id, COUNT(*) AS deaths FROM people p JOIN events e USING (event_id)
        GROUP BY p.event_id, e.date_start ORDER BY deaths DESC, e.date_start LIMIT 2""").fetchall()
    out["event1_deaths"], out["event2_deaths"] = events[0][1], events[1][1]
    out["two_events_share"] = share(events[0][1] + events[1][1], total)
    day, deaths, incidents, later = db.execute("""
        SELECT incident_day, COUNT(*) AS deaths, COUNT(DISTINCT incident), COUNT(*) FILTER (death_day > incident_day)
        FROM people GROUP BY incident_day ORDER BY deaths DESC, incident_day LIMIT 1""").fetchone()
    out |= {
        "deadliest_day": str(day),
        "deadliest_day_deaths": deaths,
        "deadliest_day_incidents": incidents,
        "deadliest_day_died_later": later,
    }
    out["departments_with_deaths"] = one(db, "SELECT COUNT(DISTINCT department) FROM people")
    population = one(db, "SELECT SUM(CAST(pop_2022 AS BIGINT)) FROM regions")
    by_department = db.execute("""
        SELECT r.ubigeo, r.department, CAST(r.pop_2022 AS BIGINT) AS pop, COUNT(p.victim_id) AS deaths,
               COUNT(DISTINCT p.incident) AS incidents
        FROM regions r LEFT JOIN people p ON p.department = r.ubigeo
        GROUP BY r.ubigeo, r.department, r.pop_2022 ORDER BY r.ubigeo""").fetchall()
    most = max(by_department, key=lambda r: (r[3], -int(r[0])))
    out["top_department"] = most[1]
    out["top_department_deaths"] = most[3]
    out["top_department_share_deaths"] = share(most[3], total)
    out["top_department_share_population"] = share(most[2], population)
    top = max(by_department, key=lambda r: (r[3] / r[2], -int(r[0])))
    out["top_rate_department"] = top[1]
    out["top_rate_rate"] = rounded(100_000 * top[3] / top[2], 2)
    ratio, low, high = exact_rate_ratio(top[3], top[2], total - top[3], population - top[2])
    out |= {
        "top_rate_rr_rest": rounded(ratio, 1),
        "top_rate_rr_low": rounded(low, 1),
        "top_rate_rr_high": rounded(high, 1),
    }
    incidents_rest = one(db, "SELECT COUNT(DISTINCT incident) FROM people WHERE department <> ?", top[0])
    out["top_rate_incidents_phrase"], out["top_rate_incidents_rest"] = top[4], incidents_rest  # "8 fatal incidents"
    out["top_rate_inc_rr"] = rounded(top[4] / top[2] / (incidents_rest / (population - top[2])), 1)
    out |= indigenous(db, total, population)
    out["firearm_share"] = share(one(db, "SELECT COUNT(*) FROM people WHERE mechanism = 'firearm'"), total)
    out["age_minors"] = one(db, "SELECT COUNT(*) FROM people WHERE age_years < 18")
    out |= defensoria_latest(db)
    two = one(
        db,
        """
        WITH cited AS (SELECT victim_id, UNNEST(string_split(source_ids, ';')) AS source_id FROM victims)
        SELECT COUNT(*) FROM (
            SELECT c.victim_id FROM cited c JOIN sources s USING (source_id)
            GROUP BY c.victim_id HAVING COUNT(DISTINCT s.publisher) >= 2)""",
    )
    out["victims_two_publishers"], out["victims_two_publishers_share"] = two, share(two, total)
    return out


def indigenous(db: duckdb.DuckDBPyConnection, total: int, population: int) -> dict[str, object]:
    """The Indigenous-majority departments (more than 50% self-identified as Indigenous in 2017) against the rest."""
    k1, e1, i1, n = db.execute("""
        SELECT COUNT(p.victim_id), (SELECT SUM(CAST(pop_2022 AS BIGINT)) FROM regions
                                     WHERE CAST(indigenous_pct_2017 AS DOUBLE) > 50),
               COUNT(DISTINCT p.incident),
               (SELECT COUNT(*) FROM regions WHERE CAST(indigenous_pct_2017 AS DOUBLE) > 50)
        FROM people p JOIN regions r ON p.department = r.ubigeo
        WHERE CAST(r.indigenous_pct_2017 AS DOUBLE) > 50""").fetchone()
    i2 = one(
        db,
        """
        SELECT COUNT(DISTINCT p.incident) FROM people p JOIN regions r ON p.department = r.ubigeo
        WHERE CAST(r.indigenous_pct_2017 AS DOUBLE) <= 50""",
    )
    ratio, low, high = exact_rate_ratio(k1, e1, total - k1, population - e1)
    return {
        "indig_n_departments": n,
        "indig_deaths": k1,
        "indig_share_deaths": share(k1, total),
        "indig_share_population": share(e1, population),
        "indig_rate_ratio": rounded(ratio, 1),
        "indig_rate_ratio_low": rounded(low, 1),
        "indig_rate_ratio_high": rounded(high, 1),
        "indig_incidents_phrase": i1,
        "indig_incidents_rest": i2,
        "indig_inc_rr": rounded(i1 / e1 / (i2 / (population - e1)), 1),
    }


def defensoria_latest(db: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """The Defensoría del Pueblo's latest national toll with a total (its last of its latest day), and this
    record's deaths by that date."""
    day, total = db.execute(
        """SELECT CAST(report_date AS DATE), CAST(total_deaths AS INTEGER) FROM last_tolls
        WHERE reporter = ? AND scope = 'national' AND total_deaths IS NOT NULL
        ORDER BY report_date DESC""",
        [DEFENSORIA],
    ).fetchone()
    counted = one(db, "SELECT COUNT(*) FROM people WHERE death_day <= ?", day)
    return {"defensoria_last_date": str(day), "defensoria_last_total": total, "defensoria_last_reconstructed": counted}


def seed(db: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """The seed article's figures and what the same release says about them."""
    out: dict[str, object] = {}
    day, national = db.execute(
        "SELECT CAST(report_date AS DATE), CAST(total_deaths AS INTEGER) FROM tallies "
        "WHERE source_id = ? AND scope = 'national'",
        [SEED],
    ).fetchone()
    out["seed_date"], out["seed_national"] = str(day), national
    out["record_at_seed_date"] = one(db, "SELECT COUNT(*) FROM people WHERE death_day <= ?", day)
    for category in ("clash_civilian", "roadblock_related", "police", "soldier"):
        out[f"record_at_seed_phrase_{category}"] = one(  # printed with its noun: "39 civilians killed in clashes"
            db, "SELECT COUNT(*) FROM people WHERE death_day <= ? AND category = ?", day, category
        )
    defensoria = db.execute(
        """SELECT CAST(report_date AS DATE) AS d, CAST(total_deaths AS INTEGER) FROM last_tolls
        WHERE reporter = ? AND scope = 'national' AND total_deaths IS NOT NULL
          AND CAST(report_date AS DATE) BETWEEN ? - INTERVAL 1 DAY AND ? ORDER BY d""",
        [DEFENSORIA, day, day],
    ).fetchall()
    for key, (when, deaths) in (("first", defensoria[0]), ("last", defensoria[-1])):
        if sum(1 for d, _ in defensoria if d == when) == 1:  # one last toll that day: the prose quotes it
            out[f"defensoria_{key}_seed"], out[f"defensoria_{key}_seed_date"] = deaths, str(when)
    for key, event in (("juliaca", "juliaca-2023-01-09"), ("ayacucho", "ayacucho-2022-12-15")):
        deaths = db.execute(
            "SELECT COUNT(*), MIN(CAST(total_deaths AS INTEGER)), MAX(CAST(total_deaths AS INTEGER)) FROM tallies "
            "WHERE scope = 'event' AND event_id = ? AND total_deaths IS NOT NULL",
            [event],
        ).fetchone()
        injured = db.execute(
            "SELECT COUNT(*), MIN(CAST(injured AS INTEGER)), MAX(CAST(injured AS INTEGER)) FROM tallies "
            "WHERE scope = 'event' AND event_id = ? AND injured IS NOT NULL",
            [event],
        ).fetchone()
        out |= dict(zip([f"{key}_claims_n", f"{key}_claims_min", f"{key}_claims_max"], deaths))
        out |= dict(zip([f"{key}_injured_claims_n", f"{key}_injured_claims_min", f"{key}_injured_claims_max"], injured))
        out[f"record_{key}_deaths"] = one(db, "SELECT COUNT(*) FROM people WHERE event_id = ?", event)
        out[f"record_{key}_died_later"] = one(  # died of their wounds on a later day than they were injured
            db,
            "SELECT COUNT(*) FROM people WHERE event_id = ? AND CAST(date_died AS DATE) > CAST(date_injured AS DATE)",
            event,
        )
    return out


def claims(db: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """This record's value for each published claim that counts deaths or shares them (claim id -> value)."""
    out = {}
    for claim_id, metric, event, day, categories in db.execute(
        "SELECT claim_id, metric, event_id, CAST(claim_date AS DATE), categories FROM claims"
    ).fetchall():
        named = categories.split(";") if categories else None
        scope = "death_day <= ?" + (" AND category IN (SELECT UNNEST(?))" if named else "")
        params = [day] + ([named] if named else [])
        if metric == "national_deaths":
            out[claim_id] = one(db, f"SELECT COUNT(*) FROM people WHERE {scope}", *params)
        elif metric == "event_deaths":
            out[claim_id] = one(db, f"SELECT COUNT(*) FROM people WHERE event_id = ? AND {scope}", event, *params)
        elif metric == "event_minors":
            out[claim_id] = one(
                db, f"SELECT COUNT(*) FROM people WHERE event_id = ? AND age_years < 18 AND {scope}", event, *params
            )
        elif metric == "deaths_before":
            out[claim_id] = one(
                db,
                "SELECT COUNT(*) FROM people WHERE death_day < (SELECT CAST(date_start AS DATE) FROM events "
                "WHERE event_id = ?)",
                event,
            )
        elif metric == "indigenous_death_share":
            deaths = one(db, f"SELECT COUNT(*) FROM people WHERE {scope}", *params)
            indig = one(
                db,
                f"SELECT COUNT(*) FROM people p JOIN regions r ON p.department = r.ubigeo "
                f"WHERE CAST(r.indigenous_pct_2017 AS DOUBLE) > 50 AND {scope}",
                *params,
            )
            out[claim_id] = 100 * indig / deaths
    return out


def seed_comparisons(db: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    """(seed toll, other toll) pairs of the seed table: for each of the seed article's tolls, every other
    reporter's last toll of the same scope and event, with a death count, of the article's day or the day before."""
    rows = db.execute(
        """SELECT s.tally_id, o.tally_id FROM tallies s JOIN last_tolls o
        ON o.scope = s.scope AND COALESCE(o.event_id, '') = COALESCE(s.event_id, '') AND o.reporter <> s.reporter
        AND CAST(o.report_date AS DATE) BETWEEN CAST(s.report_date AS DATE) - INTERVAL 1 DAY
                                            AND CAST(s.report_date AS DATE)
        WHERE s.source_id = ? AND o.total_deaths IS NOT NULL""",
        [SEED],
    ).fetchall()
    return set(rows)


def clustering(db: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """φ = E[S²] / E[S] over the sizes S of the fatal incidents, and the effective number of independent events."""
    phi, total = db.execute(
        "SELECT SUM(s * s) / SUM(s), SUM(s) FROM (SELECT COUNT(*) AS s FROM people GROUP BY incident)"
    ).fetchone()
    return {"phi": rounded(phi, 1), "effective_n": rounded(total / phi, 1)}


def accessed(db: duckdb.DuckDBPyConnection) -> int:
    """Sources whose reference gives an access date: read at their own (original) address."""
    return one(
        db,
        "SELECT COUNT(*) FROM sources WHERE read_date IS NOT NULL AND url IS NOT NULL AND copy_url IS NULL",
    )


def accountability(db: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """The accountability chapter's counts: proceedings and steps, fatal incidents named by a step and those with
    a step at a formal investigation or later (and their deaths), proceedings with a verdict, and the first
    support amounts per person (as numbers; the build prints them with the currency's sign)."""
    db.execute("""
        CREATE TEMP TABLE named AS
        SELECT DISTINCT p.proceeding, p.stage, TRIM(e.event_id) AS event_id
        FROM proceedings p, UNNEST(string_split(p.event_ids, ';')) AS e(event_id)
        WHERE p.event_ids IS NOT NULL""")
    formalised = "('formal_investigation', 'indictment', 'trial', 'verdict')"
    fatal = "(SELECT DISTINCT event_id FROM victims WHERE event_id IS NOT NULL)"
    out = {
        "n_proceedings": one(db, "SELECT COUNT(DISTINCT proceeding) FROM proceedings"),
        "n_proceeding_steps": one(db, "SELECT COUNT(*) FROM proceedings"),
        "n_undated_steps": one(db, "SELECT COUNT(*) FROM proceedings WHERE date IS NULL"),
        "acc_incidents": one(db, f"SELECT COUNT(*) FROM {fatal}"),
        "acc_incidents_named": one(db, f"SELECT COUNT(DISTINCT event_id) FROM named WHERE event_id IN {fatal}"),
        "acc_incidents_formalised": one(
            db, f"SELECT COUNT(DISTINCT event_id) FROM named WHERE event_id IN {fatal} AND stage IN {formalised}"
        ),
        "acc_deaths_formalised": one(
            db,
            f"SELECT COUNT(*) FROM victims WHERE event_id IN (SELECT event_id FROM named WHERE stage IN {formalised})",
        ),
        "n_verdict_proceedings": one(db, "SELECT COUNT(DISTINCT proceeding) FROM proceedings WHERE stage = 'verdict'"),
    }
    out["acc_incidents_unnamed"] = out["acc_incidents"] - out["acc_incidents_named"]
    out["acc_unnamed_roadblock"] = one(  # unnamed fatal incidents all of whose deaths are linked to roadblocks
        db,
        f"""SELECT COUNT(*) FROM (SELECT event_id FROM victims WHERE event_id IN {fatal}
               AND event_id NOT IN (SELECT event_id FROM named WHERE event_id IS NOT NULL)
               GROUP BY event_id HAVING BOOL_AND(category = 'roadblock_related'))""",
    )
    for beneficiary in ("death", "serious_injury"):
        out[f"support_{beneficiary}"] = one(
            db,
            """SELECT CAST(amount AS DOUBLE) FROM reparations
               WHERE beneficiary = ? AND amount_unit = 'per_victim' AND amount IS NOT NULL AND date IS NOT NULL
               ORDER BY date LIMIT 1""",
            beneficiary,
        )
    return out
