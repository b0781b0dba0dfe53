import math

import numpy as np
import pandas as pd
import pytest
from conftest import table
from scipy.stats import chi2, poisson

from analysis.compute import department_models, funnel, uncertainty

REGIONS = table(
    """
ubigeo,department,pop_2022,pop_2017_census,indigenous_pct_2017,castillo_runoff_pct_2021
01,Alpha,100000,100000,80,70
02,Beta,300000,300000,10,40
"""
)


def victims(rows: str) -> pd.DataFrame:
    return table("victim_id,department,category,event_id\n" + rows)


# ------------------------------------------------------------------ cluster bootstrap


def test_cluster_bootstrap_degenerate_when_every_incident_is_alike():
    # Two incidents, each one death in Alpha and one in Beta: every resample has equal deaths in both,
    # so the share is 50% and the ratio (k/100,000)/(k/300,000) = 3 in every replicate.
    data = victims("V1,01,clash_civilian,a\nV2,02,clash_civilian,a\nV3,01,clash_civilian,b\nV4,02,clash_civilian,b")
    out = uncertainty.cluster_bootstrap(data, REGIONS, {"alpha": ["01"]}, replicates=200).set_index("statistic")
    assert out.loc["share_deaths", ["estimate", "low", "high"]].tolist() == pytest.approx([50, 50, 50])
    assert out.loc["rate_ratio", ["estimate", "low", "high"]].tolist() == pytest.approx([3, 3, 3])


def test_resample_incidents_draws_whole_incidents_with_known_frequencies():
    # Two single-death incidents, one per department: a resample holds 2, 1 or 0 deaths in Alpha
    # with probabilities 1/4, 1/2, 1/4 (two draws with replacement).
    matrix = uncertainty.incident_department_matrix(victims("V1,01,clash_civilian,a\nV2,02,clash_civilian,b"), REGIONS)
    counts = uncertainty.resample_incidents(matrix, replicates=4000, seed=1)
    assert (counts.sum(axis=1) == 2).all()
    alpha = counts[:, 0]
    # binomial standard error of each frequency at 4,000 replicates is under 0.008; 0.03 is about 4 of them
    assert np.mean(alpha == 2) == pytest.approx(0.25, abs=0.03)
    assert np.mean(alpha == 1) == pytest.approx(0.50, abs=0.03)
    # same seed, same replicates
    assert (uncertainty.resample_incidents(matrix, replicates=4000, seed=1) == counts).all()


def test_cluster_bootstrap_interval_spans_the_possible_values():
    data = victims("V1,01,clash_civilian,a\nV2,02,clash_civilian,b")
    out = uncertainty.cluster_bootstrap(data, REGIONS, {"alpha": ["01"]}, replicates=4000).set_index("statistic")
    # shares 0, 50, 100 with probability 1/4, 1/2, 1/4: the 2.5% and 97.5% percentiles are 0 and 100;
    # the ratio is 0 when Alpha has no death and infinite when Beta has none.
    assert out.loc["share_deaths", ["estimate", "low", "high"]].tolist() == [50, 0, 100]
    assert out.loc["rate_ratio", "low"] == 0 and math.isinf(out.loc["rate_ratio", "high"])
    assert out.loc["rate_ratio", "undefined"] == 0


def test_cluster_bootstrap_refuses_unknown_department():
    with pytest.raises(ValueError, match="unknown departments: 99"):
        uncertainty.cluster_bootstrap(victims("V1,99,clash_civilian,a"), REGIONS, {"alpha": ["01"]}, replicates=10)


def test_percentile_interval_empty_input():
    low, high, undefined = uncertainty.percentile_interval(np.array([np.nan, np.nan]))
    assert math.isnan(low) and math.isnan(high) and undefined == 2


# ------------------------------------------------------------------ quasi-Poisson


def test_scaled_poisson_rate_ratio_divides_counts_by_phi():
    # 8 against 8 deaths on equal populations, phi = 4: the interval of 2 against 2, i.e. Clopper-Pearson
    # for 2 of 4, (0.067586, 0.932414), as odds: (0.072487, 13.7956). The ratio stays 1.
    ratio, low, high = uncertainty.scaled_poisson_rate_ratio(8, 1e5, 8, 1e5, phi=4)
    assert ratio == 1
    assert (low, high) == pytest.approx((0.072487, 13.7956), rel=1e-4)


def test_quasi_poisson_comparisons_phi_from_incident_sizes():
    # incidents of 2 and 2 deaths: phi = (4 + 4) / 4 = 2; with phi = 1 both intervals would coincide
    data = victims("V1,01,clash_civilian,a\nV2,01,clash_civilian,a\nV3,02,clash_civilian,b\nV4,02,clash_civilian,b")
    out = uncertainty.quasi_poisson_comparisons(data, REGIONS, {"alpha": ["01"]}).set_index("statistic")
    assert out["phi"].tolist() == [2, 2]
    share = out.loc["share_deaths"]
    assert share["estimate"] == 50
    assert share["quasi_low"] < share["poisson_low"] and share["quasi_high"] > share["poisson_high"]
    ratio = out.loc["rate_ratio"]
    assert ratio["estimate"] == pytest.approx(3)  # (2/100,000) / (2/300,000)


# ------------------------------------------------------------------ funnel limits


def poisson_quantile_by_hand(mean: float, q: float) -> int:
    """Smallest k with P(X <= k) >= q, summing the Poisson probabilities term by term."""
    k, term = 0, math.exp(-mean)
    total = term
    while total < q:
        k += 1
        term *= mean / k
        total += term
    return k


def test_poisson_limits_hand_checked_at_mean_one():
    # Poisson(1): P(X<=0) = 0.3679, P(X<=2) = 0.9197, P(X<=3) = 0.9810, P(X<=4) = 0.9963, P(X<=5) = 0.99941
    # 95%: lower 0 (0.3679 >= 0.025), upper 3 (first >= 0.975); 99.8%: upper 5 (first >= 0.999)
    assert [float(x[0]) for x in funnel.poisson_limits(np.array([1.0]), 0.95)] == [0, 3]
    assert [float(x[0]) for x in funnel.poisson_limits(np.array([1.0]), 0.998)] == [0, 5]


@pytest.mark.parametrize("level", [0.95, 0.998])
def test_poisson_limits_match_quantiles_summed_by_hand(level):
    means = np.array([0.4, 2.5, 7.0, 23.4])
    low, high = funnel.poisson_limits(means, level)
    tail = (1 - level) / 2
    assert low.tolist() == [poisson_quantile_by_hand(m, tail) for m in means]
    assert high.tolist() == [poisson_quantile_by_hand(m, 1 - tail) for m in means]
    assert high.tolist() == poisson.ppf(1 - tail, means).tolist()


def test_overdispersed_limits_are_phi_times_poisson_limits_of_mean_over_phi():
    # phi = 2, mean 2: phi x Poisson(1) limits = 2 x (0, 3)
    low, high = funnel.poisson_limits(np.array([2.0]), 0.95, phi=2)
    assert (low[0], high[0]) == (0, 6)


def test_funnel_table_flags_and_keeps_zero_death_departments():
    regions = table(
        """
ubigeo,department,pop_2022
01,Alpha,100000
02,Beta,100000
03,Gamma,100000
"""
    )
    data = victims("\n".join(f"V{i},03,clash_civilian,big" for i in range(9)))
    out = funnel.funnel_table(data, regions).set_index("ubigeo")
    # national rate 9 / 300,000 = 3 per 100,000; expected 3 each. Poisson(3): P(X<=7) = 0.9881 is the first
    # >= 0.975, so the 95% upper limit is 7 and Gamma's 9 is above it; P(X<=0) = 0.0498 >= 0.025: no lower flag.
    assert out["deaths"].tolist() == [0, 0, 9]
    assert out["hi95"].tolist() == [7, 7, 7] and out["lo95"].tolist() == [0, 0, 0]
    assert out["flag95"].tolist() == ["", "", "above"]
    # One incident of 9: phi = 81/9 = 9. Poisson(3/9): P(X<=1) = 0.9554, P(X<=2) = 0.9952 -> upper 9 x 2 = 18.
    assert out.attrs["phi"] == 9
    assert out["hi95_od"].tolist() == [18, 18, 18]
    assert out["flag95_od"].tolist() == ["", "", ""]
    # Pearson: ((0-3)^2/3 + (0-3)^2/3 + (9-3)^2/3) / (3 - 1) = (3 + 3 + 12) / 2 = 9
    assert out.attrs["pearson_phi"] == pytest.approx(9)
    assert out.attrs["national_rate"] == pytest.approx(3)


def test_funnel_curve_rates_narrow_with_population():
    curve = funnel.funnel_curve(3.0, np.array([1e5, 1e6]))
    # expected 3 at 100,000: upper 7 -> 7 per 100,000; at 1,000,000 expected 30, upper quantile / 10
    assert curve.loc[0, "high95"] == pytest.approx(7)
    assert curve.loc[1, "high95"] == pytest.approx(poisson_quantile_by_hand(30, 0.975) / 10)


def test_pearson_phi_empty_input_is_nan():
    assert math.isnan(funnel.pearson_phi(np.array([]), np.array([])))


# ------------------------------------------------------------------ department models


def large_count_frame() -> pd.DataFrame:
    """Five departments with counts in the thousands, close to exp(0.3 x indigenous_10pt) x population:
    the log-likelihood is nearly quadratic and Wald and profile intervals should agree closely."""
    x = np.array([1.0, 2.0, 4.0, 6.0, 8.0])
    pop = np.array([2e6, 3e6, 1e6, 2.5e6, 1.5e6])
    y = np.round(1e-3 * pop * np.exp(0.3 * x) * np.array([1.02, 0.97, 1.01, 0.99, 1.0]))
    return pd.DataFrame({"y": y, "indigenous_10pt": x, "castillo_10pt": x[::-1], "offset": np.log(pop)})


def test_profile_interval_close_to_wald_with_large_counts():
    frame = large_count_frame()
    fit = department_models.fit_poisson(frame, ["indigenous_10pt"])
    wald = fit.conf_int().loc["indigenous_10pt"].tolist()
    profile = department_models.profile_interval(frame, ["indigenous_10pt"], "indigenous_10pt")
    assert profile == pytest.approx(wald, rel=2e-3)


def test_profile_interval_limits_are_where_the_deviance_rises_by_the_chi_square_quantile():
    frame = large_count_frame()
    low, high = department_models.profile_interval(frame, ["indigenous_10pt"], "indigenous_10pt")
    best = -2 * department_models.fit_poisson(frame, ["indigenous_10pt"]).llf
    for limit in (low, high):
        rise = department_models.profile_deviance(frame, ["indigenous_10pt"], "indigenous_10pt", limit) - best
        assert rise == pytest.approx(chi2.ppf(0.95, 1), abs=1e-6)


@pytest.mark.filterwarnings("ignore::RuntimeWarning", "ignore:Perfect separation")
def test_permutation_test_two_departments_every_shuffle_is_as_extreme():
    # Two departments and a constant: saturated; a swap only changes the coefficient's sign, so every
    # shuffle is as extreme as the data and p = (1 + 19) / (1 + 19) = 1.
    frame = pd.DataFrame({"y": [5.0, 1.0], "indigenous_10pt": [8.0, 1.0], "offset": np.log([1e5, 1e5])})
    out = department_models.permutation_test(frame, ["indigenous_10pt"], "indigenous_10pt", permutations=19)
    assert out["p"] == 1
    assert out["irr"] == pytest.approx(5 ** (1 / 7))  # log(5/1) over 7 units of 10 points


def test_poisson_coefficients_are_statsmodels_poisson_glm_coefficients():
    """The permutation refits' IRLS gives statsmodels' fit, from the observed fit's coefficients as the
    checks start, for shuffled covariates of counts large and small (zeros included)."""
    frame = large_count_frame()
    small = frame.assign(y=[0.0, 3.0, 0.0, 1.0, 7.0])
    rng = np.random.default_rng(1)
    for data in (frame, small):
        terms = ["indigenous_10pt", "castillo_10pt"]
        start = department_models.fit_poisson(data, terms).params.to_numpy()
        for _ in range(5):
            shuffled = data.assign(indigenous_10pt=rng.permutation(data["indigenous_10pt"].to_numpy()))
            expected = department_models.fit_poisson(shuffled, terms).params.to_numpy()
            x = department_models.design(shuffled, terms).to_numpy(dtype=float)
            got = department_models.poisson_coefficients(shuffled["y"].to_numpy(), x, data["offset"].to_numpy(), start)
            assert got == pytest.approx(expected, rel=1e-7, abs=1e-8)


def test_model_intervals_empty_when_no_deaths():
    regions = table(
        """
ubigeo,department,pop_2022,indigenous_pct_2017,castillo_runoff_pct_2021
01,Alpha,100000,80,70
"""
    )
    out = department_models.model_intervals(victims("V1,01,clash_civilian,a").iloc[:0], regions)
    assert out.empty and "irr" in out.columns


def test_cluster_bootstrap_and_funnel_empty_input():
    empty = victims("V1,01,clash_civilian,a").iloc[:0]
    boot = uncertainty.cluster_bootstrap(empty, REGIONS, {"alpha": ["01"]}, replicates=10)
    assert boot["low"].isna().all() and (boot["undefined"] == 10).all()
    out = funnel.funnel_table(empty, REGIONS)
    assert out["deaths"].tolist() == [0, 0] and (out["flag95"] == "").all() and out.attrs["phi"] == 1.0
