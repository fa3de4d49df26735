"""Mistake: only renames variables (t -> existing, count -> open_count), keeping nesting and numbers."""

import json


def handle_create(body, tasks):
    try:
        data = json.loads(body)
    except ValueError:
        return {"status": 400, "body": {"error": "body is not valid JSON"}}
    if type(data) is dict:
        if "owner" in data:
            if type(data["owner"]) is str and data["owner"].strip() != "":
                owner = data["owner"].strip()
                if "title" in data:
                    if type(data["title"]) is str:
                        title = " ".join(data["title"].split())
                        if len(title) > 0:
                            if len(title) <= 100:
                                priority = 3
                                if "priority" in data:
                                    if (
                                        type(data["priority"]) is int
                                        and data["priority"] >= 1
                                        and data["priority"] <= 5
                                    ):
                                        priority = data["priority"]
                                    else:
                                        return {
                                            "status": 422,
                                            "body": {"error": "priority must be a whole number from 1 to 5"},
                                        }
                                open_count = 0
                                for existing in tasks:
                                    if existing["owner"] == owner:
                                        if existing["title"].lower() == title.lower():
                                            return {
                                                "status": 409,
                                                "body": {
                                                    "error": "owner already has a task called "
                                                    + existing["title"]
                                                },
                                            }
                                        if not existing["done"]:
                                            open_count = open_count + 1
                                if open_count >= 20:
                                    return {
                                        "status": 409,
                                        "body": {"error": "owner has 20 open tasks already"},
                                    }
                                new_id = 1
                                for existing in tasks:
                                    if existing["id"] >= new_id:
                                        new_id = existing["id"] + 1
                                task = {
                                    "id": new_id,
                                    "owner": owner,
                                    "title": title,
                                    "priority": priority,
                                    "done": False,
                                }
                                tasks.append(task)
                                return {"status": 201, "body": dict(task)}
                            else:
                                return {
                                    "status": 422,
                                    "body": {"error": "title must be at most 100 characters"},
                                }
                        else:
                            return {"status": 422, "body": {"error": "title must not be empty"}}
                    else:
                        return {"status": 422, "body": {"error": "title must be a string"}}
                else:
                    return {"status": 422, "body": {"error": "title is required"}}
            else:
                return {"status": 422, "body": {"error": "owner must be a non-empty string"}}
        else:
            return {"status": 422, "body": {"error": "owner is required"}}
    else:
        return {"status": 400, "body": {"error": "body must be a JSON object"}}
