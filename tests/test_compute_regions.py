import numpy as np
import pandas as pd
import pytest
from conftest import table

from analysis.compute import regional_sensitivity, regions

INDIGENOUS_MAJORITY = ["03", "05", "08", "09", "21"]  # Apurímac, Ayacucho, Cusco, Huancavelica, Puno (2017 census)


def victims_in(*departments: str, category: str = "clash_civilian") -> pd.DataFrame:
    rows = ["victim_id,department,category,event_id"]
    rows += [f"V{i:03d},{d},{category},e{i}" for i, d in enumerate(departments)]
    return table("\n".join(rows))


def test_deaths_by_department_keeps_every_department_and_conserves_total(departments):
    table_ = regions.deaths_by_department(victims_in("21", "21", "15"), departments)
    assert len(table_) == 25
    assert table_.set_index("ubigeo").loc["21", "total"] == 2
    assert table_.set_index("ubigeo").loc["01", "total"] == 0
    assert table_["total"].sum() == 3


def test_deaths_by_department_refuses_unknown_department(departments):
    with pytest.raises(ValueError, match="sum to 1, not 2"):
        regions.deaths_by_department(victims_in("21", "99"), departments)


def test_rate_table_exact_poisson_intervals():
    out = regions.rate_table(pd.Series([0, 10]), pd.Series([100_000, 1_000_000]))
    assert out["rate"].tolist() == pytest.approx([0.0, 1.0])
    # chi-square limits: k=0 -> (0, 3.6889); k=10 -> (4.7954, 18.3904) per population
    assert out["rate_low"].tolist() == pytest.approx([0.0, 0.47954], abs=1e-4)
    assert out["rate_high"].tolist() == pytest.approx([3.68888, 1.83904], abs=1e-4)


def test_rate_ratio_exact_conditional_interval():
    ratio, low, high = regions.rate_ratio(10, 1e5, 10, 1e6)
    assert ratio == pytest.approx(10)
    # Clopper-Pearson for 10/20 is (0.27196, 0.72804); odds times 10
    assert low == pytest.approx(3.7355, rel=1e-3)
    assert high == pytest.approx(26.770, rel=1e-3)


def test_rate_ratio_with_no_deaths_elsewhere_has_infinite_upper_bound():
    ratio, low, high = regions.rate_ratio(5, 1e5, 0, 1e6)
    assert ratio == float("inf") and high == float("inf") and low > 0


def test_indigenous_majority_definition_and_shares(departments):
    result = regions.indigenous_majority(victims_in("21", "21", "15"), departments)
    assert sorted(departments.set_index("department").loc[result["departments"], "ubigeo"]) == INDIGENOUS_MAJORITY
    assert result["deaths"] == 2 and result["deaths_total"] == 3
    assert result["share_deaths"] == pytest.approx(200 / 3)
    # 2022 projections: 429,720 + 670,579 + 1,380,594 + 350,845 + 1,226,353 of 33,396,698
    assert result["share_population"] == pytest.approx(100 * 4_058_091 / 33_396_698)


def test_department_rates_share_and_rate_ratio(departments):
    rates = regions.with_rate_ratios(regions.department_rates(victims_in("21", "21", "15"), departments))
    rates = rates.set_index("ubigeo")
    puno = rates.loc["21"]
    assert puno["rate"] == pytest.approx(2 / 1_226_353 * 1e5)
    assert puno["share_deaths"] == pytest.approx(200 / 3)
    expected = (2 / 1_226_353) / (1 / (33_396_698 - 1_226_353))
    assert puno["rr_rest"] == pytest.approx(expected)
    assert rates["share_population"].sum() == pytest.approx(100)


def test_covariate_correlation_of_the_departments_covariates(departments):
    indigenous, castillo = (departments[c].astype(float) for c in ("indigenous_pct_2017", "castillo_runoff_pct_2021"))
    expected = indigenous.corr(castillo)
    assert regions.covariate_correlation(departments) == pytest.approx(expected)
    assert 0.5 < regions.covariate_correlation(departments) < 1


def test_sensitivity_has_three_definitions_with_and_without_largest_incidents(departments):
    v = victims_in("21", "21", "21", "05", "05", "15")
    v.loc[[0, 1, 2], "event_id"] = "juliaca"
    v.loc[[3, 4], "event_id"] = "ayacucho"
    v.loc[5, "category"] = "police"
    sens = regional_sensitivity.sensitivity(v, departments)
    assert len(sens) == 6
    assert sens.attrs["largest_incidents"] == ["juliaca", "ayacucho"]
    counts = sens.set_index(["definition", "largest_incidents"])["deaths"]
    assert counts[("clashes", "included")] == 5
    assert counts[("all", "included")] == 6
    assert counts[("all", "excluded")] == 1


def test_proportion_intervals_are_statsmodels_clopper_pearson_intervals():
    from statsmodels.stats.proportion import proportion_confint

    rng = np.random.default_rng(2)
    n = np.concatenate([[1, 1, 2, 7, 7, 100000], rng.integers(1, 5000, 500)])
    k = np.concatenate([[0, 1, 1, 0, 7, 3], [rng.integers(0, m + 1) for m in n[6:]]])
    for count, total in zip(k, n):
        assert regions.clopper_pearson(int(count), int(total)) == tuple(
            proportion_confint(int(count), int(total), alpha=0.05, method="beta")
        )


def test_rate_intervals_are_statsmodels_exact_poisson_intervals():
    from statsmodels.stats.rates import confint_poisson

    rng = np.random.default_rng(1)
    counts = pd.Series(np.concatenate([[0, 1, 2, 5, 33, 123456], rng.integers(0, 5000, 500)]))
    population = pd.Series(np.concatenate([[1e5, 2e5, 3.3e5, 1e6, 9e5, 3e8], rng.uniform(1e4, 1e7, 500)]))
    low, high = confint_poisson(counts.to_numpy(float), population.to_numpy(float), method="exact-c", alpha=0.05)
    table = regions.rate_table(counts, population)
    assert np.array_equal(table["rate_low"].to_numpy(), regions.PER * np.nan_to_num(low, nan=0.0))
    assert np.array_equal(table["rate_high"].to_numpy(), regions.PER * high)
