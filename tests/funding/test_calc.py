"""Cost plan arithmetic, deviations and IBAN checks: pure functions, no database."""

from decimal import Decimal

from dialogwerk.funding import calc, iban


def limits(cap="3000", own="0", rate="100"):
    return calc.Limits(Decimal(cap), Decimal(own), Decimal(rate))


def test_it_sums_the_lines_and_subtracts_the_own_share():
    plan = calc.cost_plan(["1200", "300.50", Decimal("99.50")], own_share="100", limits=limits())
    assert plan.total == Decimal("1600.00")
    assert plan.requested == Decimal("1500.00")
    assert plan.own_share_percent == Decimal("6.25")
    assert plan.within_limits


def test_it_flags_a_request_over_the_cap():
    plan = calc.cost_plan(["3500"], own_share="0", limits=limits(cap="3000"))
    assert calc.OVER_CAP in plan.problems
    assert plan.max_requestable == Decimal("3000.00")


def test_it_flags_an_own_share_below_the_programmes_minimum():
    plan = calc.cost_plan(["1000"], own_share="50", limits=limits(own="10"))
    assert calc.OWN_SHARE_TOO_LOW in plan.problems
    assert plan.max_requestable == Decimal("900.00")


def test_it_flags_an_own_share_above_the_total_and_requests_nothing():
    plan = calc.cost_plan(["100"], own_share="200", limits=limits())
    assert plan.requested == Decimal("0.00")
    assert calc.OWN_SHARE_OVER_TOTAL in plan.problems


def test_the_funding_rate_limits_what_can_be_requested():
    plan = calc.cost_plan(["2000"], own_share="0", limits=limits(rate="80"))
    assert calc.OVER_RATE in plan.problems and plan.max_requestable == Decimal("1600.00")


def test_a_deviation_above_the_threshold_needs_an_explanation():
    small, large, unplanned = calc.deviations(
        [("a", "1000", "1100"), ("b", "400", "200"), ("c", "0", "50")], threshold_percent=20
    )
    assert not small.needs_explanation and small.percent == Decimal("10.00")
    assert large.needs_explanation and large.difference == Decimal("-200.00")
    assert unplanned.needs_explanation and unplanned.percent is None


def test_totals_add_planned_and_actual():
    total = calc.totals(calc.deviations([("a", "100", "90"), ("b", "50", None)], threshold_percent=20))
    assert (total.planned, total.actual, total.difference) == (Decimal("150.00"), Decimal("90.00"), Decimal("-60.00"))


def test_amounts_are_written_the_german_way():
    assert calc.format_eur(Decimal("3000")) == "3.000,00 €"
    assert calc.format_eur(Decimal("-1234567.5")) == "-1.234.567,50 €"


def test_it_accepts_a_valid_iban_with_spaces_and_lower_case():
    assert iban.is_valid("de89 3704 0044 0532 0130 00")


def test_it_rejects_an_iban_with_a_wrong_checksum_or_length():
    assert not iban.is_valid("DE89370400440532013001")
    assert not iban.is_valid("DE8937040044053201300")
    assert not iban.is_valid("not an iban")


def test_a_masked_iban_shows_only_the_country_and_the_last_four():
    masked = iban.masked("DE89370400440532013000")
    assert masked.startswith("DE") and masked.replace(" ", "").endswith("3000")
    assert "3704" not in masked
