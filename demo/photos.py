"""Photographs and avatars drawn with Pillow, so the demo needs no downloads.

Every picture is built from flat shapes and gradients (fast C code inside Pillow),
and every choice comes from the caller's ``random.Random``, so one seed always
draws the same library. Pictures come back as JPEG bytes with a plain-language
description that becomes the alt text.

The sizes are module constants so the test suite can draw thumbnails instead.
"""

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

PHOTO_SIZES = ((1600, 900), (1200, 800))
AVATAR_SIZE = 400
JPEG_QUALITY = 82

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Drawing:
    jpeg: bytes
    description: str
    width: int
    height: int


@dataclass(frozen=True)
class Light:
    """The time of day: it colours the sky, the sun and how lit the windows are."""

    name: str
    sky_top: RGB
    sky_horizon: RGB
    sun: RGB | None
    is_dark: bool


LIGHTS = (
    Light("at dawn", (52, 70, 128), (247, 186, 148), (255, 214, 170), False),
    Light("at midday", (62, 124, 198), (188, 218, 244), (255, 250, 226), False),
    Light("in the evening", (46, 34, 92), (252, 128, 66), (255, 170, 90), False),
    Light("under an overcast sky", (112, 118, 130), (198, 200, 206), None, False),
    Light("at night", (8, 12, 36), (42, 52, 94), (236, 236, 220), True),
    Light("on a winter morning", (146, 172, 204), (234, 238, 246), (255, 246, 232), False),
)

GREENS = ((58, 104, 62), (84, 122, 58), (40, 86, 70), (110, 130, 66), (70, 96, 48))
EARTHS = ((140, 108, 70), (168, 134, 86), (120, 92, 64), (196, 164, 104), (104, 84, 70))
BUILDING_TONES = ((70, 76, 92), (96, 90, 104), (120, 112, 110), (58, 66, 84), (140, 132, 124), (84, 98, 110))
CONTAINER_COLOURS = ((178, 52, 44), (44, 96, 160), (214, 150, 40), (48, 132, 90), (190, 190, 184), (120, 60, 120))


def mix(colour: RGB, other: RGB, amount: float) -> RGB:
    """``amount`` of ``other`` blended into ``colour``: how distance fades a layer into the haze."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))


def jitter(rng: random.Random, colour: RGB, spread: int = 18) -> RGB:
    return tuple(max(0, min(255, c + rng.randint(-spread, spread))) for c in colour)


def vertical_gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def ridge_points(rng: random.Random, width: int, base_y: float, amplitude: float, roughness: float) -> list:
    """A skyline of hills as a sum of a few sine waves with random phases."""
    waves = [
        (rng.uniform(0.5, 3.5) / width * math.tau, rng.uniform(0, math.tau), rng.uniform(0.3, 1.0)) for _ in range(3)
    ]
    total_weight = sum(weight for _, _, weight in waves)
    step = max(4, width // 160)
    points = []
    for x in range(0, width + step, step):
        wave = sum(weight * math.sin(frequency * x + phase) for frequency, phase, weight in waves) / total_weight
        points.append((x, base_y - amplitude * wave + rng.uniform(-roughness, roughness)))
    return points


def fill_below(draw: ImageDraw.ImageDraw, points: list, size: tuple[int, int], colour: RGB) -> None:
    width, height = size
    draw.polygon([*points, (width, height), (0, height)], fill=colour)


def paste_glow(picture: Image.Image, centre: tuple[float, float], radius: float, colour: RGB) -> None:
    """A soft halo: Pillow's radial gradient used as the mask of a coloured square."""
    diameter = max(2, int(radius * 2))
    mask = Image.radial_gradient("L").resize((diameter, diameter))
    mask = mask.point(lambda value: max(0, 150 - value) * 255 // 150)
    picture.paste(
        Image.new("RGB", (diameter, diameter), colour), (int(centre[0] - radius), int(centre[1] - radius)), mask
    )


def draw_sky(rng: random.Random, size: tuple[int, int], light: Light) -> Image.Image:
    width, height = size
    picture = vertical_gradient(size, jitter(rng, light.sky_top, 10), jitter(rng, light.sky_horizon, 10))
    draw = ImageDraw.Draw(picture)
    if light.is_dark:
        for _ in range(width // 8):
            x, y = rng.randrange(width), rng.randrange(int(height * 0.6))
            shade = rng.randint(150, 255)
            draw.point((x, y), fill=(shade, shade, shade))
    if light.sun is not None:
        sun_x, sun_y = rng.uniform(0.15, 0.85) * width, rng.uniform(0.12, 0.45) * height
        radius = rng.uniform(0.03, 0.06) * width
        paste_glow(picture, (sun_x, sun_y), radius * 3.5, mix(light.sun, light.sky_horizon, 0.3))
        draw.ellipse((sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius), fill=light.sun)
    if not light.is_dark and rng.random() < 0.6:
        cloud = mix(light.sky_horizon, (255, 255, 255), 0.5)
        for _ in range(rng.randint(2, 6)):
            cx, cy = rng.uniform(0, width), rng.uniform(0.05, 0.35) * height
            for _ in range(rng.randint(3, 6)):
                rx, ry = rng.uniform(0.03, 0.08) * width, rng.uniform(0.015, 0.035) * height
                dx, dy = rng.uniform(-2, 2) * rx, rng.uniform(-0.6, 0.6) * ry
                draw.ellipse((cx + dx - rx, cy + dy - ry, cx + dx + rx, cy + dy + ry), fill=cloud)
    return picture


def draw_hill_layers(rng, picture, light, layers, top, bottom, palette) -> None:
    """Ridges from far to near, each less hazy than the one behind it."""
    width, height = picture.size
    draw = ImageDraw.Draw(picture)
    for layer in range(layers):
        depth = layer / max(1, layers - 1)
        base_y = height * (top + (bottom - top) * depth)
        colour = mix(jitter(rng, rng.choice(palette)), light.sky_horizon, 0.65 * (1 - depth))
        if light.is_dark:
            colour = mix(colour, (10, 12, 24), 0.75)
        points = ridge_points(rng, width, base_y, height * rng.uniform(0.03, 0.09), height * 0.004)
        fill_below(draw, points, picture.size, colour)


def draw_hills(rng, size, light) -> tuple[Image.Image, str]:
    picture = draw_sky(rng, size, light)
    draw_hill_layers(rng, picture, light, rng.randint(3, 5), 0.45, 0.8, GREENS)
    return picture, "Rolling hills"


def draw_mountains(rng, size, light) -> tuple[Image.Image, str]:
    width, height = size
    picture = draw_sky(rng, size, light)
    draw = ImageDraw.Draw(picture)
    for layer in range(3):
        depth = layer / 2
        rock = mix(jitter(rng, (92, 96, 110)), light.sky_horizon, 0.6 * (1 - depth))
        snow = mix((246, 248, 252), light.sky_horizon, 0.3 * (1 - depth))
        x, points = -50.0, []
        base = height * (0.55 + 0.12 * layer)
        while x < width + 50:
            points.append((x, base + rng.uniform(-0.02, 0.06) * height))
            x += rng.uniform(0.06, 0.14) * width
            points.append((x, base - rng.uniform(0.12, 0.32) * height * (1.2 - depth * 0.5)))
            x += rng.uniform(0.06, 0.14) * width
        fill_below(draw, points, size, rock)
        for left, peak, right in zip(points, points[1:], points[2:], strict=False):
            if peak[1] < left[1] and peak[1] < right[1] and rng.random() < 0.8:
                cap = 0.28
                draw.polygon(
                    [peak, mix_point(peak, left, cap), mix_point(peak, right, cap)],
                    fill=snow,
                )
    draw_hill_layers(rng, picture, light, 1, 0.88, 0.88, GREENS)
    return picture, "Snow-capped mountains"


def mix_point(start, end, amount):
    return (start[0] + (end[0] - start[0]) * amount, start[1] + (end[1] - start[1]) * amount)


def draw_skyline(rng, size, light) -> tuple[Image.Image, str]:
    width, height = size
    picture = draw_sky(rng, size, light)
    draw_hill_layers(rng, picture, light, 1, 0.62, 0.62, GREENS)
    draw = ImageDraw.Draw(picture)
    ground = height * rng.uniform(0.78, 0.86)
    window_lit = (255, 214, 120) if light.is_dark or light.name == "in the evening" else None
    for row, haze in ((0, 0.45), (1, 0.0)):
        x = rng.uniform(-40, 0)
        while x < width:
            building_width = rng.uniform(0.04, 0.1) * width
            building_height = rng.uniform(0.15, 0.5 if row else 0.6) * height
            tone = mix(jitter(rng, rng.choice(BUILDING_TONES), 10), light.sky_horizon, haze)
            if light.is_dark:
                tone = mix(tone, (12, 14, 26), 0.6)
            top = ground - building_height - (0.05 * height if row == 0 else 0)
            draw.rectangle((x, top, x + building_width, ground), fill=tone)
            if row == 1:
                draw_windows(rng, draw, (x, top, x + building_width, ground), tone, window_lit)
            x += building_width + rng.uniform(0, 0.015) * width
    draw.rectangle((0, ground, width, height), fill=mix((70, 72, 78), light.sky_horizon, 0.1))
    return picture, "A city skyline"


def draw_windows(rng, draw, box, tone, lit_colour) -> None:
    left, top, right, bottom = box
    pane = max(3, (right - left) / 9)
    y = top + pane
    while y + pane < bottom - pane:
        x = left + pane * 0.8
        while x + pane < right - pane * 0.5:
            colour = lit_colour if lit_colour and rng.random() < 0.45 else mix(tone, (220, 230, 240), 0.25)
            draw.rectangle((x, y, x + pane * 0.7, y + pane), fill=colour)
            x += pane * 1.6
        y += pane * 2


def draw_sea(rng, picture, light, horizon) -> None:
    width, height = picture.size
    sea_top = mix(light.sky_horizon, (20, 70, 110), 0.55)
    sea_bottom = mix(light.sky_top, (10, 40, 70), 0.6)
    sea = vertical_gradient((width, height - int(horizon)), sea_top, sea_bottom)
    picture.paste(sea, (0, int(horizon)))
    draw = ImageDraw.Draw(picture)
    glint = mix(light.sun or light.sky_horizon, sea_top, 0.35)
    for _ in range(width // 10):
        y = rng.uniform(horizon + 4, height)
        length = rng.uniform(10, 60) * (y - horizon) / (height - horizon)
        x = rng.uniform(0, width)
        draw.line((x, y, x + length, y), fill=glint, width=max(1, int((y - horizon) / 120)))


def draw_coast(rng, size, light) -> tuple[Image.Image, str]:
    width, height = size
    picture = draw_sky(rng, size, light)
    horizon = height * rng.uniform(0.5, 0.62)
    draw_sea(rng, picture, light, horizon)
    draw = ImageDraw.Draw(picture)
    if rng.random() < 0.6:
        island = ridge_points(rng, width, horizon - height * 0.01, height * 0.03, 1)
        start = rng.randrange(len(island) // 2)
        draw.polygon(
            [
                (island[start][0], horizon),
                *island[start : start + len(island) // 3],
                (island[start + len(island) // 3][0], horizon),
            ],
            fill=mix((60, 80, 70), light.sky_horizon, 0.5),
        )
    sand = jitter(rng, (214, 192, 150))
    beach = ridge_points(rng, width, height * rng.uniform(0.85, 0.93), height * 0.03, 1)
    fill_below(draw, beach, size, mix(sand, (20, 20, 30), 0.6) if light.is_dark else sand)
    return picture, "A quiet coastline"


def draw_harbour(rng, size, light) -> tuple[Image.Image, str]:
    width, height = size
    picture = draw_sky(rng, size, light)
    horizon = height * 0.62
    draw_sea(rng, picture, light, horizon)
    draw = ImageDraw.Draw(picture)
    quay = height * 0.62
    crane_colour = jitter(rng, (200, 90, 40)) if rng.random() < 0.5 else jitter(rng, (60, 64, 74))
    for _ in range(rng.randint(2, 4)):
        x = rng.uniform(0.05, 0.9) * width
        top = quay - rng.uniform(0.25, 0.4) * height
        arm = rng.uniform(0.08, 0.16) * width
        thickness = max(2, width // 200)
        draw.line((x, quay, x, top), fill=crane_colour, width=thickness * 2)
        draw.line((x - arm * 0.3, top, x + arm, top), fill=crane_colour, width=thickness)
        draw.line((x, top - height * 0.04, x + arm * 0.8, top), fill=crane_colour, width=max(1, thickness // 2))
        draw.line((x + arm * 0.7, top, x + arm * 0.7, top + height * 0.12), fill=(40, 40, 40), width=1)
    stack_x = rng.uniform(0, 0.3) * width
    for column in range(rng.randint(8, 16)):
        for level in range(rng.randint(1, 4)):
            box_width, box_height = width * 0.035, height * 0.03
            left = stack_x + column * box_width
            bottom = quay - level * box_height
            draw.rectangle(
                (left, bottom - box_height, left + box_width - 2, bottom),
                fill=jitter(rng, rng.choice(CONTAINER_COLOURS), 12),
            )
    hull_y = height * rng.uniform(0.7, 0.8)
    hull_x = rng.uniform(0.3, 0.6) * width
    hull_length = rng.uniform(0.25, 0.4) * width
    hull_colour = jitter(rng, rng.choice(((30, 40, 60), (140, 30, 30), (40, 60, 50))))
    draw.polygon(
        [
            (hull_x, hull_y),
            (hull_x + hull_length, hull_y),
            (hull_x + hull_length * 0.94, hull_y + height * 0.06),
            (hull_x + hull_length * 0.04, hull_y + height * 0.06),
        ],
        fill=hull_colour,
    )
    draw.rectangle(
        (hull_x + hull_length * 0.72, hull_y - height * 0.08, hull_x + hull_length * 0.9, hull_y), fill=(236, 236, 230)
    )
    draw.rectangle((0, quay, width * 0.32, quay + height * 0.04), fill=(90, 90, 96))
    return picture, "Cranes and containers in a harbour"


def draw_forest(rng, size, light) -> tuple[Image.Image, str]:
    width, height = size
    picture = draw_sky(rng, size, light)
    draw_hill_layers(rng, picture, light, 2, 0.5, 0.62, GREENS)
    draw = ImageDraw.Draw(picture)
    for row in range(3):
        depth = row / 2
        base = height * (0.7 + 0.12 * row)
        colour = mix(jitter(rng, (30, 70, 44), 10), light.sky_horizon, 0.45 * (1 - depth))
        if light.is_dark:
            colour = mix(colour, (8, 10, 20), 0.7)
        tree_height = height * (0.12 + 0.1 * depth)
        x = rng.uniform(-20, 0)
        while x < width + 20:
            tall = tree_height * rng.uniform(0.7, 1.3)
            half = tall * rng.uniform(0.18, 0.26)
            draw.polygon([(x, base - tall), (x - half, base), (x + half, base)], fill=colour)
            x += half * rng.uniform(0.9, 1.6)
        draw.rectangle((0, base, width, height), fill=colour)
    return picture, "A pine forest"


def draw_fields(rng, size, light) -> tuple[Image.Image, str]:
    width, height = size
    picture = draw_sky(rng, size, light)
    horizon = height * rng.uniform(0.5, 0.6)
    draw = ImageDraw.Draw(picture)
    vanishing_x = rng.uniform(0.3, 0.7) * width
    stripes = rng.randint(7, 12)
    crops = [jitter(rng, rng.choice((*GREENS, *EARTHS, (226, 196, 72), (236, 214, 110))), 14) for _ in range(stripes)]
    edges = [-width * 1.5 + i * (width * 4 / stripes) for i in range(stripes + 1)]
    for index, crop in enumerate(crops):
        colour = mix(crop, (10, 12, 24), 0.7) if light.is_dark else crop
        draw.polygon(
            [(vanishing_x, horizon), (edges[index], height), (edges[index + 1], height)],
            fill=colour,
        )
    draw.rectangle((0, horizon - 2, width, horizon + height * 0.02), fill=mix(GREENS[2], light.sky_horizon, 0.5))
    barn_x = rng.uniform(0.1, 0.8) * width
    barn_width = width * 0.05
    barn_top = horizon - height * 0.05
    draw.rectangle((barn_x, barn_top, barn_x + barn_width, horizon), fill=jitter(rng, (150, 50, 40)))
    draw.polygon(
        [
            (barn_x - 4, barn_top),
            (barn_x + barn_width / 2, barn_top - height * 0.03),
            (barn_x + barn_width + 4, barn_top),
        ],
        fill=(70, 60, 60),
    )
    return picture, "Farmland stretching to the horizon"


def draw_abstract(rng, size, light) -> tuple[Image.Image, str]:
    width, height = size
    base = vertical_gradient(size, jitter(rng, light.sky_top, 40), jitter(rng, light.sky_horizon, 40))
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    palette = [tuple(rng.randint(30, 240) for _ in range(3)) for _ in range(4)]
    for _ in range(rng.randint(12, 24)):
        colour = (*rng.choice(palette), rng.randint(70, 170))
        kind = rng.random()
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        extent = rng.uniform(0.05, 0.3) * width
        if kind < 0.45:
            draw.ellipse((x - extent, y - extent, x + extent, y + extent), fill=colour)
        elif kind < 0.8:
            draw.rectangle((x, y, x + extent * rng.uniform(0.5, 2), y + extent * rng.uniform(0.3, 1)), fill=colour)
        else:
            draw.line((x, y, rng.uniform(0, width), rng.uniform(0, height)), fill=colour, width=rng.randint(4, 24))
    picture = Image.alpha_composite(base.convert("RGBA"), overlay).convert("RGB")
    return picture, "Overlapping coloured shapes"


SCENES = (
    draw_hills,
    draw_mountains,
    draw_skyline,
    draw_coast,
    draw_harbour,
    draw_forest,
    draw_fields,
    draw_abstract,
)


def encode_jpeg(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def draw_photo(rng: random.Random, scene_index: int) -> Drawing:
    """Scene ``scene_index`` (cycled) in a random light, at one of ``PHOTO_SIZES``."""
    size = rng.choice(PHOTO_SIZES)
    light = rng.choice(LIGHTS)
    picture, subject = SCENES[scene_index % len(SCENES)](rng, size, light)
    return Drawing(encode_jpeg(picture), f"{subject} {light.name}", *size)


AVATAR_BACKGROUNDS = (
    (33, 87, 138),
    (176, 58, 46),
    (40, 116, 88),
    (122, 68, 148),
    (204, 126, 36),
    (46, 134, 160),
    (90, 90, 104),
    (168, 64, 112),
    (74, 112, 52),
    (28, 52, 84),
)


def draw_avatar(rng: random.Random, initials: str) -> Drawing:
    """A square portrait placeholder: the author's initials on a patterned colour field."""
    size = AVATAR_SIZE
    background = jitter(rng, rng.choice(AVATAR_BACKGROUNDS), 20)
    accent = mix(background, (255, 255, 255), rng.uniform(0.2, 0.4))
    picture = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(picture)
    pattern = rng.randrange(4)
    if pattern == 0:
        draw.polygon([(0, size), (size, 0), (size, size)], fill=accent)
    elif pattern == 1:
        for radius in range(size, 0, -max(8, size // 8)):
            draw.ellipse(
                (size - radius, size - radius, size + radius, size + radius), outline=accent, width=max(2, size // 40)
            )
    elif pattern == 2:
        stripe = max(6, size // 10)
        for offset in range(-size, size, stripe * 2):
            draw.polygon(
                [(offset, 0), (offset + stripe, 0), (offset + stripe + size, size), (offset + size, size)], fill=accent
            )
    else:
        for _ in range(6):
            x, y, radius = rng.uniform(0, size), rng.uniform(0, size), rng.uniform(0.1, 0.3) * size
            draw.ellipse(
                (x - radius, y - radius, x + radius, y + radius), fill=mix(accent, background, rng.random() * 0.5)
            )
    disc = size * 0.36
    draw.ellipse(
        (size / 2 - disc, size / 2 - disc, size / 2 + disc, size / 2 + disc), fill=mix(background, (0, 0, 0), 0.25)
    )
    font = ImageFont.load_default(size=max(10, int(size * 0.28)))
    draw.text((size / 2, size / 2), initials, fill=(250, 250, 250), font=font, anchor="mm")
    return Drawing(encode_jpeg(picture), "", size, size)
