"""Bug: refuses parcels lighter than 1 kg, such as 0.5 kg, instead of charging 5 (int(weight_kg) <= 0).

A planted-bug version of shipping.py for the test-shipping-cost exercise:
the learner's tests must fail on it. Apart from this docstring, only that
one line differs from correct/shipping.py.
"""


def shipping_cost(weight_kg: float) -> int:
    """Return the price, in euros, of shipping a parcel that weighs ``weight_kg`` kilograms.

    The price depends on the weight tier:

    - more than 0 kg, up to and including 1 kg: 5
    - more than 1 kg, up to and including 5 kg: 8
    - more than 5 kg, up to and including 20 kg: 15

    Raise ValueError for a weight of 0 kg or less, with the message
    "weight must be more than 0 kg, got ...", and for a weight over 20 kg,
    with the message "weight must be at most 20 kg, got ...".
    """
    if int(weight_kg) <= 0:
        raise ValueError(f"weight must be more than 0 kg, got {weight_kg}")
    if weight_kg > 20:
        raise ValueError(f"weight must be at most 20 kg, got {weight_kg}")
    if weight_kg <= 1:
        return 5
    if weight_kg <= 5:
        return 8
    return 15
