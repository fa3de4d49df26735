"""Checkout receipts.

This code works: every receipt it prints is right, and every error message
is the one the shop's other systems expect. It is also hard to read and
harder to change. Refactor it: keep exactly what it does, improve how it is
built. See README.md for the targets.
"""


def receipt(order_text):
    """Return the receipt for an order, one line per item, then the totals."""
    if not isinstance(order_text, str):
        raise TypeError("order must be text, got " + type(order_text).__name__)
    items = []
    c = None
    n = 0
    for line in order_text.splitlines():
        n = n + 1
        if line.strip() != "":
            parts = line.split(",")
            if parts[0].strip() == "coupon":
                if c is None:
                    if len(parts) == 2:
                        code = parts[1].strip().upper()
                        if code == "SAVE10" or code == "FIVEOFF" or code == "BULK":
                            c = code
                        else:
                            raise ValueError("line " + str(n) + ": unknown coupon " + repr(code))
                    else:
                        raise ValueError("line " + str(n) + ": expected coupon,CODE")
                else:
                    raise ValueError("line " + str(n) + ": only one coupon per order")
            else:
                if len(parts) == 3:
                    if parts[0].strip() != "":
                        q = parts[1].strip()
                        if q.isdigit() and int(q) != 0:
                            p = parts[2].strip()
                            if p.isdigit():
                                items.append([parts[0].strip(), int(q), int(p)])
                            else:
                                raise ValueError(
                                    "line "
                                    + str(n)
                                    + ": price must be a whole number of cents, got "
                                    + repr(p)
                                )
                        else:
                            raise ValueError(
                                "line " + str(n) + ": quantity must be a whole number above 0, got " + repr(q)
                            )
                    else:
                        raise ValueError("line " + str(n) + ": the item needs a name")
                else:
                    raise ValueError(
                        "line " + str(n) + ": expected name,quantity,price_cents, got " + repr(line.strip())
                    )
    if len(items) == 0:
        raise ValueError("the order has no items")
    out = ""
    s = 0
    count = 0
    for it in items:
        s = s + it[1] * it[2]
        count = count + it[1]
        out = out + str(it[1]) + " x " + it[0] + " @ " + str(it[2] // 100) + "." + str(it[2] % 100).zfill(2)
        out = out + " = " + str(it[1] * it[2] // 100) + "." + str(it[1] * it[2] % 100).zfill(2) + "\n"
    out = out + "subtotal " + str(s // 100) + "." + str(s % 100).zfill(2) + "\n"
    d = 0
    if c == "SAVE10":
        d = s * 10 // 100
        out = out + "discount -" + str(d // 100) + "." + str(d % 100).zfill(2) + " (" + c + ")\n"
    elif c == "FIVEOFF":
        d = 500
        if s < 500:
            d = s
        out = out + "discount -" + str(d // 100) + "." + str(d % 100).zfill(2) + " (" + c + ")\n"
    elif c == "BULK":
        if count >= 10:
            d = s * 15 // 100
        out = out + "discount -" + str(d // 100) + "." + str(d % 100).zfill(2) + " (" + c + ")\n"
    sh = 499
    if s - d >= 5000:
        sh = 0
    out = out + "shipping " + str(sh // 100) + "." + str(sh % 100).zfill(2) + "\n"
    t = s - d + sh
    out = out + "total " + str(t // 100) + "." + str(t % 100).zfill(2)
    return out
