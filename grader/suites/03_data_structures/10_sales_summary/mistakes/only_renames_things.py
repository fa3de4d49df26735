"""Mistake: renames the variables but keeps the one long function, its copies and its numbers."""


def summarise(orders):
    """Return the week's summary: spending per customer, best-selling SKUs, cancellations, refunds."""
    order_ids = []
    customer_names = []
    customer_totals = []
    order_counts = []
    sku_names = []
    sku_units = []
    cancelled = []
    refund_total = 0
    for order in orders:
        if order["id"] in order_ids:
            raise ValueError(f"order {order['id']}: duplicate id")
        order_ids.append(order["id"])
        if order["status"] == "paid":
            value = 0
            for line in order["lines"]:
                if type(line[1]) is int and line[1] >= 1:
                    if type(line[2]) is int and line[2] >= 0:
                        value = value + line[1] * line[2]
                        if line[0] in sku_names:
                            sku_units[sku_names.index(line[0])] += line[1]
                        else:
                            sku_names.append(line[0])
                            sku_units.append(line[1])
                    else:
                        raise ValueError(
                            f"order {order['id']}: price must be a whole number of cents, 0 or more"
                        )
                else:
                    raise ValueError(f"order {order['id']}: quantity must be a whole number of at least 1")
            if value >= 10000:
                value = value * 95 // 100
            if order["customer"] in customer_names:
                customer_totals[customer_names.index(order["customer"])] += value
                order_counts[customer_names.index(order["customer"])] += 1
            else:
                customer_names.append(order["customer"])
                customer_totals.append(value)
                order_counts.append(1)
        elif order["status"] == "shipped":
            value = 0
            for line in order["lines"]:
                if type(line[1]) is int and line[1] >= 1:
                    if type(line[2]) is int and line[2] >= 0:
                        if line[0] in sku_names:
                            sku_units[sku_names.index(line[0])] += line[1]
                        else:
                            sku_names.append(line[0])
                            sku_units.append(line[1])
                        value = value + line[1] * line[2]
                    else:
                        raise ValueError(
                            f"order {order['id']}: price must be a whole number of cents, 0 or more"
                        )
                else:
                    raise ValueError(f"order {order['id']}: quantity must be a whole number of at least 1")
            if value >= 10000:
                value = value * 95 // 100
            if order["customer"] in customer_names:
                customer_totals[customer_names.index(order["customer"])] += value
                order_counts[customer_names.index(order["customer"])] += 1
            else:
                customer_names.append(order["customer"])
                customer_totals.append(value)
                order_counts.append(1)
        elif order["status"] == "cancelled":
            for line in order["lines"]:
                if not (type(line[1]) is int and line[1] >= 1):
                    raise ValueError(f"order {order['id']}: quantity must be a whole number of at least 1")
                if not (type(line[2]) is int and line[2] >= 0):
                    raise ValueError(f"order {order['id']}: price must be a whole number of cents, 0 or more")
            cancelled.append(order["id"])
        elif order["status"] == "refunded":
            value = 0
            for line in order["lines"]:
                if not (type(line[1]) is int and line[1] >= 1):
                    raise ValueError(f"order {order['id']}: quantity must be a whole number of at least 1")
                if not (type(line[2]) is int and line[2] >= 0):
                    raise ValueError(f"order {order['id']}: price must be a whole number of cents, 0 or more")
                value = value + line[1] * line[2]
            if value >= 10000:
                value = value * 95 // 100
            refund_total = refund_total + value
        else:
            raise ValueError(f"order {order['id']}: unknown status {order['status']!r}")
    best_skus = []
    while len(best_skus) < 3 and len(best_skus) < len(sku_names):
        best_index = -1
        for i in range(len(sku_names)):
            if (sku_names[i], sku_units[i]) not in best_skus and (
                best_index == -1
                or sku_units[i] > sku_units[best_index]
                or (sku_units[i] == sku_units[best_index] and sku_names[i] < sku_names[best_index])
            ):
                best_index = i
        best_skus.append((sku_names[best_index], sku_units[best_index]))
    customers = {}
    for i in range(len(customer_names)):
        customers[customer_names[i]] = {"orders": order_counts[i], "spent_cents": customer_totals[i]}
    return {
        "customers": customers,
        "top_skus": best_skus,
        "cancelled": sorted(cancelled),
        "refunded_cents": refund_total,
    }
