"""Weekly sales summary.

This works, and the shop's weekly report has used it for a long time. It is
also one long function that nobody wants to touch. Restructure it without
changing what it does: the same result and the same error messages for every
input. See README.md for the targets.
"""


def summarise(orders):
    """Return the week's summary: spending per customer, best-selling SKUs, cancellations, refunds."""
    ids = []
    names = []
    totals = []
    counts = []
    skus = []
    units = []
    cancelled = []
    refunded = 0
    for o in orders:
        if o["id"] in ids:
            raise ValueError(f"order {o['id']}: duplicate id")
        ids.append(o["id"])
        if o["status"] == "paid":
            v = 0
            for line in o["lines"]:
                if type(line[1]) is int and line[1] >= 1:
                    if type(line[2]) is int and line[2] >= 0:
                        v = v + line[1] * line[2]
                        if line[0] in skus:
                            units[skus.index(line[0])] += line[1]
                        else:
                            skus.append(line[0])
                            units.append(line[1])
                    else:
                        raise ValueError(f"order {o['id']}: price must be a whole number of cents, 0 or more")
                else:
                    raise ValueError(f"order {o['id']}: quantity must be a whole number of at least 1")
            if v >= 10000:
                v = v * 95 // 100
            if o["customer"] in names:
                totals[names.index(o["customer"])] += v
                counts[names.index(o["customer"])] += 1
            else:
                names.append(o["customer"])
                totals.append(v)
                counts.append(1)
        elif o["status"] == "shipped":
            v = 0
            for line in o["lines"]:
                if type(line[1]) is int and line[1] >= 1:
                    if type(line[2]) is int and line[2] >= 0:
                        if line[0] in skus:
                            units[skus.index(line[0])] += line[1]
                        else:
                            skus.append(line[0])
                            units.append(line[1])
                        v = v + line[1] * line[2]
                    else:
                        raise ValueError(f"order {o['id']}: price must be a whole number of cents, 0 or more")
                else:
                    raise ValueError(f"order {o['id']}: quantity must be a whole number of at least 1")
            if v >= 10000:
                v = v * 95 // 100
            if o["customer"] in names:
                totals[names.index(o["customer"])] += v
                counts[names.index(o["customer"])] += 1
            else:
                names.append(o["customer"])
                totals.append(v)
                counts.append(1)
        elif o["status"] == "cancelled":
            for line in o["lines"]:
                if not (type(line[1]) is int and line[1] >= 1):
                    raise ValueError(f"order {o['id']}: quantity must be a whole number of at least 1")
                if not (type(line[2]) is int and line[2] >= 0):
                    raise ValueError(f"order {o['id']}: price must be a whole number of cents, 0 or more")
            cancelled.append(o["id"])
        elif o["status"] == "refunded":
            v = 0
            for line in o["lines"]:
                if not (type(line[1]) is int and line[1] >= 1):
                    raise ValueError(f"order {o['id']}: quantity must be a whole number of at least 1")
                if not (type(line[2]) is int and line[2] >= 0):
                    raise ValueError(f"order {o['id']}: price must be a whole number of cents, 0 or more")
                v = v + line[1] * line[2]
            if v >= 10000:
                v = v * 95 // 100
            refunded = refunded + v
        else:
            raise ValueError(f"order {o['id']}: unknown status {o['status']!r}")
    top = []
    while len(top) < 3 and len(top) < len(skus):
        best = -1
        for i in range(len(skus)):
            if (skus[i], units[i]) not in top and (
                best == -1 or units[i] > units[best] or (units[i] == units[best] and skus[i] < skus[best])
            ):
                best = i
        top.append((skus[best], units[best]))
    customers = {}
    for i in range(len(names)):
        customers[names[i]] = {"orders": counts[i], "spent_cents": totals[i]}
    return {
        "customers": customers,
        "top_skus": top,
        "cancelled": sorted(cancelled),
        "refunded_cents": refunded,
    }
