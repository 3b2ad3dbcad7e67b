"""Sample values for any botocore shape: every member filled, bounded depth, deterministic.

Used to drive botocore's own EC2 serializer and parser against localec2's protocol layer.
"""
import datetime

SAMPLE_TIME = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
SAMPLE_TEXT = "v & <x> \"q\" 'a' é/ü=1+2%"
MAX_DEPTH = 5


def sample(shape, depth=0, name="root"):
    """A value of `shape`, or None when the depth bound cuts it off."""
    kind = shape.type_name
    if kind == "structure":
        if depth >= MAX_DEPTH:
            return None
        out = {}
        for member_name, member in shape.members.items():
            value = sample(member, depth + 1, member_name)
            if value is not None:
                out[member_name] = value
        return out or None  # botocore sends nothing for an empty structure
    if kind == "list":
        if depth >= MAX_DEPTH:
            return None
        items = [sample(shape.member, depth + 1, name) for _ in range(2 if depth <= 2 else 1)]
        items = [i for i in items if i is not None]
        return items or None
    if kind == "string":
        if shape.enum:
            return shape.enum[(len(name) + depth) % len(shape.enum)]
        return f"{name}-{depth} {SAMPLE_TEXT}"
    if kind in ("integer",):
        return 40 + depth
    if kind == "long":
        return 2**40 + depth
    if kind == "boolean":
        return depth % 2 == 0
    if kind in ("double", "float"):
        return 1.5 + depth
    if kind == "timestamp":
        return SAMPLE_TIME
    if kind == "blob":
        return b"blob bytes \x01\x02"
    raise AssertionError(f"unexpected shape type {kind}")


def to_wire_json(value):
    """The JSON localec2's handlers produce for `value`: timestamps as epoch ms, blobs as text."""
    if isinstance(value, dict):
        return {k: to_wire_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_wire_json(v) for v in value]
    if isinstance(value, datetime.datetime):
        return int(value.timestamp() * 1000)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value


def as_parsed_input(value):
    """What localec2's input parser yields for `value` sent by botocore: timestamps as botocore wrote them."""
    if isinstance(value, dict):
        return {k: as_parsed_input(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_parsed_input(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value
