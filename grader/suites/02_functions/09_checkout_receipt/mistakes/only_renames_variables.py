"""Mistake: only renames the variables; the function is as long, deep and repetitive as before."""


def receipt(order_text):
    """Return the receipt for an order, one line per item, then the totals."""
    if not isinstance(order_text, str):
        raise TypeError("order must be text, got " + type(order_text).__name__)
    items = []
    coupon = None
    line_number = 0
    for line in order_text.splitlines():
        line_number = line_number + 1
        if line.strip() != "":
            parts = line.split(",")
            if parts[0].strip() == "coupon":
                if coupon is None:
                    if len(parts) == 2:
                        code = parts[1].strip().upper()
                        if code == "SAVE10" or code == "FIVEOFF" or code == "BULK":
                            coupon = code
                        else:
                            raise ValueError("line " + str(line_number) + ": unknown coupon " + repr(code))
                    else:
                        raise ValueError("line " + str(line_number) + ": expected coupon,CODE")
                else:
                    raise ValueError("line " + str(line_number) + ": only one coupon per order")
            else:
                if len(parts) == 3:
                    if parts[0].strip() != "":
                        quantity = parts[1].strip()
                        if quantity.isdigit() and int(quantity) != 0:
                            price = parts[2].strip()
                            if price.isdigit():
                                items.append([parts[0].strip(), int(quantity), int(price)])
                            else:
                                raise ValueError(
                                    "line "
                                    + str(line_number)
                                    + ": price must be a whole number of cents, got "
                                    + repr(price)
                                )
                        else:
                            raise ValueError(
                                "line "
                                + str(line_number)
                                + ": quantity must be a whole number above 0, got "
                                + repr(quantity)
                            )
                    else:
                        raise ValueError("line " + str(line_number) + ": the item needs a name")
                else:
                    raise ValueError(
                        "line "
                        + str(line_number)
                        + ": expected name,quantity,price_cents, got "
                        + repr(line.strip())
                    )
    if len(items) == 0:
        raise ValueError("the order has no items")
    out = ""
    subtotal = 0
    count = 0
    for item in items:
        subtotal = subtotal + item[1] * item[2]
        count = count + item[1]
        out = (
            out
            + str(item[1])
            + " x "
            + item[0]
            + " @ "
            + str(item[2] // 100)
            + "."
            + str(item[2] % 100).zfill(2)
        )
        out = out + " = " + str(item[1] * item[2] // 100) + "." + str(item[1] * item[2] % 100).zfill(2) + "\n"
    out = out + "subtotal " + str(subtotal // 100) + "." + str(subtotal % 100).zfill(2) + "\n"
    discount = 0
    if coupon == "SAVE10":
        discount = subtotal * 10 // 100
        out = (
            out
            + "discount -"
            + str(discount // 100)
            + "."
            + str(discount % 100).zfill(2)
            + " ("
            + coupon
            + ")\n"
        )
    elif coupon == "FIVEOFF":
        discount = 500
        if subtotal < 500:
            discount = subtotal
        out = (
            out
            + "discount -"
            + str(discount // 100)
            + "."
            + str(discount % 100).zfill(2)
            + " ("
            + coupon
            + ")\n"
        )
    elif coupon == "BULK":
        if count >= 10:
            discount = subtotal * 15 // 100
        out = (
            out
            + "discount -"
            + str(discount // 100)
            + "."
            + str(discount % 100).zfill(2)
            + " ("
            + coupon
            + ")\n"
        )
    shipping = 499
    if subtotal - discount >= 5000:
        shipping = 0
    out = out + "shipping " + str(shipping // 100) + "." + str(shipping % 100).zfill(2) + "\n"
    total = subtotal - discount + shipping
    out = out + "total " + str(total // 100) + "." + str(total % 100).zfill(2)
    return out
