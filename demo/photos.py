"""Pictures for the demo library, drawn with Pillow so the demo needs no downloads.

They are illustrations, and are captioned and credited as such, but each shows
what a news photograph would: a street, a parliament, a harbour, a field, a
skyline across a river, power lines, a railway, a stage, and head-and-shoulders
portraits for the authors. Scenes are laid out in perspective, lit for a time of
day and hazier with distance, then given a vignette and film grain so that
resized JPEG and WebP renditions look like photographs rather than flat vector
art.

Every shape is a Pillow primitive (fast C code) and every choice comes from the
caller's ``random.Random``, so one seed always draws the same library; a picture
takes a few tens of milliseconds. Sizes are module constants so the test suite
can draw thumbnails instead.
"""

import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter

PHOTO_SIZES = ((1600, 900), (1200, 800))
AVATAR_SIZE = 400
JPEG_QUALITY = 82
GRAIN = 9  # how far the film grain strays from the true colour, in levels
VIGNETTE = 46  # how much darker the corners are, in levels

RGB = tuple[int, int, int]
Point = tuple[float, float]
Size = tuple[int, int]


@dataclass(frozen=True)
class Drawing:
    jpeg: bytes
    subject: str  # what it shows, e.g. "a city street lined with apartment blocks at dusk"
    scene: str
    width: int
    height: int


@dataclass(frozen=True)
class Light:
    """The time of day: sky colours, the sun, and whether windows and lamps are lit."""

    name: str
    sky_top: RGB
    sky_horizon: RGB
    sun: RGB | None
    is_dark: bool = False
    is_dusk: bool = False
    is_snowy: bool = False

    @property
    def lamps_on(self) -> bool:
        return self.is_dark or self.is_dusk


LIGHTS = (
    Light("at dawn", (70, 92, 150), (246, 190, 150), (255, 222, 180)),
    Light("at midday", (58, 118, 196), (196, 222, 244), (255, 252, 236)),
    Light("at dusk", (28, 36, 86), (244, 132, 72), (255, 176, 96), is_dusk=True),
    Light("under an overcast sky", (118, 124, 136), (202, 204, 208), None),
    Light("at night", (6, 10, 30), (40, 50, 84), None, is_dark=True),
    Light("on a snowy winter morning", (150, 174, 204), (232, 236, 242), (255, 248, 236), is_snowy=True),
)
STAGE_LIGHT = Light("", (0, 0, 0), (60, 40, 40), None)

GREENS = ((58, 100, 58), (80, 116, 56), (44, 84, 62), (104, 126, 64))
STONE = ((214, 204, 184), (226, 220, 206), (196, 186, 170), (232, 226, 214))
FACADES = (
    (188, 180, 168),
    (214, 196, 150),
    (170, 174, 172),
    (200, 170, 140),
    (160, 176, 160),
    (222, 214, 196),
    (150, 140, 136),
    (206, 186, 180),
)
COATS = ((40, 40, 46), (90, 60, 50), (50, 60, 90), (140, 40, 40), (120, 110, 100))
CAR_COLOURS = ((30, 32, 36), (200, 200, 204), (150, 30, 30), (40, 60, 110), (120, 124, 130), (236, 236, 232))
CONTAINER_COLOURS = ((178, 52, 44), (44, 96, 160), (214, 150, 40), (48, 132, 90), (190, 190, 184), (120, 60, 120))
NIGHT = (10, 12, 24)
WINDOW_GLOW = (255, 212, 130)
GLASS = (70, 86, 104)


def mix(colour: RGB, other: RGB, amount: float) -> RGB:
    """``amount`` of ``other`` blended into ``colour``."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True))


def jitter(rng: random.Random, colour: RGB, spread: int = 14) -> RGB:
    return tuple(max(0, min(255, c + rng.randint(-spread, spread))) for c in colour)


def lit(colour: RGB, light: Light, *, shade: float = 0.0) -> RGB:
    """A surface's colour in this light: tinted by the sky, darker in shadow and at night."""
    colour = mix(colour, light.sky_horizon, 0.18)
    if shade:
        colour = mix(colour, mix(light.sky_top, (0, 0, 0), 0.5), shade)
    if light.is_dark:
        return mix(colour, NIGHT, 0.82)
    if light.is_dusk:
        return mix(colour, (40, 30, 60), 0.45)
    return colour


def rounded(draw: ImageDraw.ImageDraw, box, radius: float = 0, **style) -> None:
    """A rounded rectangle that stays drawable when perspective makes it a pixel or two wide
    (Pillow refuses a radius larger than half the box, which thumbnails run into)."""
    left, top, right, bottom = box
    left, right = sorted((left, right))
    top, bottom = sorted((top, bottom))
    radius = max(0.0, min(radius, (right - left) / 2 - 1, (bottom - top) / 2 - 1))
    if radius < 1:
        draw.rectangle((left, top, right, bottom), **style)
    else:
        draw.rounded_rectangle((left, top, right, bottom), radius=radius, **style)


def vertical_gradient(size: Size, top: RGB, bottom: RGB) -> Image.Image:
    """A top-to-bottom blend, computed on one column and stretched sideways."""
    width, height = size
    mask = Image.linear_gradient("L").resize((1, max(1, height)))
    column = Image.composite(Image.new("RGB", mask.size, bottom), Image.new("RGB", mask.size, top), mask)
    return column.resize((max(1, width), max(1, height)), Image.NEAREST)


@cache
def glow_mask(diameter: int, strength: int) -> Image.Image:
    # Pillow's radial gradient reaches 181 at the middle of each edge, so a strength
    # above that would leave the square's edge visible.
    strength = min(strength, 180)
    mask = Image.radial_gradient("L").resize((diameter, diameter))
    return mask.point(lambda value: max(0, strength - value) * 255 // strength)


def paste_glow(picture: Image.Image, centre: Point, radius: float, colour: RGB, strength: int = 150) -> None:
    """A soft halo around a sun, a lamp or a lit stage."""
    diameter = max(2, int(radius * 2) // 4 * 4)
    picture.paste(colour, (int(centre[0] - radius), int(centre[1] - radius)), glow_mask(diameter, strength))


def paste_soft(
    picture: Image.Image, box: tuple[int, int, int, int], colour: RGB, shapes: Callable[[ImageDraw.ImageDraw], None]
) -> None:
    """Paint ``colour`` through shapes drawn an eighth of the size, blurred and enlarged:
    clouds, spotlight beams, out-of-focus lights. Drawing small is what makes it cheap."""
    left, top, right, bottom = box
    width, height = max(8, right - left), max(8, bottom - top)
    mask = Image.new("L", (width // 8, height // 8), 0)
    draw = ImageDraw.Draw(mask)
    shapes(draw)
    mask = mask.filter(ImageFilter.GaussianBlur(1.2)).resize((width, height), Image.BILINEAR)
    picture.paste(colour, (left, top), mask)


def draw_sky(rng: random.Random, size: Size, light: Light, horizon: float) -> Image.Image:
    """The whole frame in the horizon's colour, with the sky's gradient, sun, stars or clouds above it."""
    width, height = size
    sky_height = max(1, int(horizon))
    picture = Image.new("RGB", size, light.sky_horizon)
    picture.paste(vertical_gradient((width, sky_height), jitter(rng, light.sky_top, 8), light.sky_horizon), (0, 0))
    draw = ImageDraw.Draw(picture)
    if light.is_dark:
        for _ in range(width // 6):
            shade = rng.randint(90, 220)
            draw.point((rng.randrange(width), rng.randrange(sky_height)), fill=(shade, shade, shade))
    if light.sun is not None:
        sun_x = rng.uniform(0.15, 0.85) * width
        sun_y = horizon * (rng.uniform(0.75, 0.92) if light.is_dusk else rng.uniform(0.2, 0.6))
        radius = 0.016 * width
        paste_glow(picture, (sun_x, sun_y), radius * 7, mix(light.sun, light.sky_horizon, 0.35), strength=180)
        draw.ellipse((sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius), fill=light.sun)
    if not light.is_dark and rng.random() < 0.75:
        add_clouds(rng, picture, light, horizon)
    return picture


def add_clouds(rng: random.Random, picture: Image.Image, light: Light, horizon: float) -> None:
    width = picture.size[0]
    bottom = int(horizon * 0.85)
    banks = [
        (rng.uniform(-0.1, 1.1) * width, rng.uniform(0.1, 0.75) * bottom, rng.uniform(0.06, 0.18) * width)
        for _ in range(rng.randint(3, 8))
    ]
    puffs = []
    for x, y, extent in banks:
        for _ in range(7):
            cx, cy = x + rng.uniform(-1, 1) * extent, y + rng.uniform(-0.12, 0.12) * extent
            rx, ry = rng.uniform(0.25, 0.5) * extent, rng.uniform(0.08, 0.18) * extent
            puffs.append((cx - rx, cy - ry, cx + rx, cy + ry))

    def shapes(draw: ImageDraw.ImageDraw) -> None:
        for box in puffs:
            draw.ellipse([value / 8 for value in box], fill=rng.randint(120, 190))

    if light.is_dusk:
        cloud = mix(light.sky_horizon, (255, 190, 170), 0.3)
    elif light.sun is not None:
        cloud = mix(light.sky_horizon, (255, 255, 255), 0.6)
    else:
        cloud = mix(light.sky_top, (90, 94, 104), 0.35)
    paste_soft(picture, (0, 0, width, bottom), cloud, shapes)


def ridge(rng: random.Random, width: int, base_y: float, amplitude: float, bumps: float = 0.35) -> list[Point]:
    """A line of hills or treetops: a few sine waves with random phases, plus small bumps."""
    waves = [(rng.uniform(1, 6) / width * math.tau, rng.uniform(0, math.tau)) for _ in range(3)]
    step = max(3, width // 240)
    return [
        (x, base_y - amplitude * (sum(math.sin(f * x + p) for f, p in waves) / 3 + 1 + rng.uniform(0, bumps)))
        for x in range(0, width + step, step)
    ]


def tree_line(rng: random.Random, picture: Image.Image, light: Light, horizon: float, haze: float = 0.5) -> None:
    """Woods along the horizon, bluer and paler the farther they are."""
    width, height = picture.size
    draw = ImageDraw.Draw(picture)
    green = (70, 74, 80) if light.is_snowy else rng.choice(GREENS)
    for layer, layer_haze in ((0, haze + 0.2), (1, haze)):
        colour = mix(lit(mix(green, (0, 0, 0), 0.2), light), light.sky_horizon, layer_haze)
        points = ridge(rng, width, horizon + 1, height * (0.012 + 0.008 * layer), bumps=1.2)
        draw.polygon([*points, (width, horizon + 2), (0, horizon + 2)], fill=colour)


@dataclass(frozen=True)
class Camera:
    """A pinhole camera at eye height looking along the z axis: lines in depth meet at (vx, vy)."""

    vx: float
    vy: float
    focal: float
    eye: float = 1.7

    def at(self, x: float, y: float, z: float) -> Point:
        return (self.vx + x * self.focal / z, self.vy + (self.eye - y) * self.focal / z)

    def wall(self, x: float, y0: float, y1: float, z0: float, z1: float) -> list[Point]:
        """A rectangle on a wall at ``x`` (a facade, a window in it)."""
        return [self.at(x, y0, z0), self.at(x, y1, z0), self.at(x, y1, z1), self.at(x, y0, z1)]

    def floor(self, x0: float, x1: float, y: float, z0: float, z1: float) -> list[Point]:
        """A rectangle lying flat at height ``y`` (road, pavement, a sleeper)."""
        return [self.at(x0, y, z0), self.at(x1, y, z0), self.at(x1, y, z1), self.at(x0, y, z1)]

    def facing(self, x0: float, x1: float, y0: float, y1: float, z: float) -> tuple[float, float, float, float]:
        """The box of a rectangle facing the camera at depth z (a car, a person, a far building)."""
        left, top = self.at(x0, y1, z)
        right, bottom = self.at(x1, y0, z)
        return (left, top, right, bottom)

    def near_ground(self, height: int) -> float:
        """The depth at which the ground leaves the bottom of the frame, a little closer."""
        return self.eye * self.focal / (height - self.vy) * 0.8


def hazed(colour: RGB, light: Light, z: float, distance: float = 140) -> RGB:
    return mix(colour, light.sky_horizon, min(0.85, 1 - math.exp(-z / distance)))


def depth_bands(near: float, far: float, count: int) -> list[tuple[float, float]]:
    """Slices of ground from near to far, equal in perspective, each hazed on its own."""
    edges = [near * (far / near) ** (i / count) for i in range(count + 1)]
    return list(zip(edges, edges[1:], strict=False))


def draw_street(rng: random.Random, size: Size, light: Light) -> Image.Image:
    """A street of apartment blocks in one-point perspective, with trolleybus wires, cars and people."""
    width, height = size
    camera = Camera(rng.uniform(0.42, 0.58) * width, rng.uniform(0.42, 0.5) * height, 0.5 * width)
    near, far = camera.near_ground(height), 260.0
    picture = draw_sky(rng, size, light, camera.vy)
    draw = ImageDraw.Draw(picture)
    kerb, facade = 5.0, 8.5

    end_colour = hazed(lit(jitter(rng, rng.choice(FACADES)), light), light, far)
    draw.rectangle(camera.facing(-facade * 3, facade * 3, 0, rng.uniform(14, 30), far), fill=end_colour)
    pavement = (236, 238, 242) if light.is_snowy else (150, 146, 140)
    asphalt = (196, 198, 204) if light.is_snowy else (70, 72, 76)
    for z0, z1 in depth_bands(near, far, 10):
        draw.polygon(camera.floor(-facade, facade, 0, z0, z1), fill=hazed(lit(pavement, light), light, z1))
        draw.polygon(camera.floor(-kerb, kerb, 0, z0, z1), fill=hazed(lit(asphalt, light), light, z1))
    paint = hazed(lit((226, 226, 220), light), light, 40)
    z = near + 1
    while z < 120:
        draw.polygon(camera.floor(-0.08, 0.08, 0, z, z + 3), fill=paint)
        z += 9
    crossing = near + rng.uniform(6, 20)
    for stripe in range(-4, 5):
        draw.polygon(camera.floor(stripe - 0.25, stripe + 0.25, 0, crossing, crossing + 3), fill=paint)

    sun_left = rng.random() < 0.5
    for side in (-1, 1):
        shade = 0.0 if light.sun is not None and (side > 0) == sun_left else 0.35
        z = far * rng.uniform(0.55, 0.8)
        while z > near:  # far to near, so nearer blocks cover farther ones
            depth = rng.uniform(10, 26)
            block = (max(near, z - depth), z, rng.uniform(9, 28), jitter(rng, rng.choice(FACADES)))
            draw_facade(rng, draw, camera, light, side * facade, *block, shade)
            z -= depth + rng.uniform(0, 1.5)
    draw_street_life(rng, picture, draw, camera, light, near, kerb)
    return picture


def draw_facade(rng, draw, camera: Camera, light: Light, x, z0, z1, top, colour, shade) -> None:
    face = hazed(lit(colour, light, shade=shade), light, z0)
    draw.polygon(camera.wall(x, 0, top, z0, z1), fill=face)
    draw.polygon(camera.wall(x, top - 0.5, top, z0, z1), fill=mix(face, (30, 30, 36), 0.3))
    if camera.focal * 1.6 / z1 < 3:  # windows of a pixel or two: leave them out
        return
    glass = hazed(lit(GLASS, light, shade=shade), light, z0)
    glow = hazed(WINDOW_GLOW, light, z0, 400)
    lit_share = 0.55 if light.is_dark else 0.3 if light.is_dusk else 0.0
    step = 2.8
    columns = [z0 + step * (i + 0.5) for i in range(int((z1 - z0) / step))]
    floor = 3.6
    while floor + 2.6 < top - 0.6:
        for centre in columns:
            fill = glow if lit_share and rng.random() < lit_share else glass
            draw.polygon(camera.wall(x, floor, floor + 1.6, centre - 0.55, centre + 0.55), fill=fill)
        floor += 3.0
    shop = hazed(lit(jitter(rng, (90, 110, 120), 30), light), light, z0)
    for centre in columns[::2]:
        draw.polygon(camera.wall(x, 0.4, 2.8, centre - 1.1, centre + 2.4), fill=glow if lit_share else shop)


def draw_street_life(rng, picture: Image.Image, draw, camera: Camera, light: Light, near: float, kerb: float) -> None:
    """Lamps, trees and wires along the kerb, cars and people; the farthest drawn first."""
    thin = max(1, picture.size[0] // 900)
    wire = lit((40, 40, 44), light)
    things = []
    z = near + rng.uniform(2, 8)
    while z < 170:
        things += [(z, "lamp", 1), (z, "lamp", -1)]
        if not light.is_snowy and rng.random() < 0.7:
            things.append((z + 4, "tree", rng.choice((-1, 1))))
        z += rng.uniform(14, 20)
    things += [(rng.uniform(near + 4, 110), "car", rng.choice((-1, 1))) for _ in range(rng.randint(4, 9))]
    things += [(rng.uniform(near + 3, 70), "person", rng.choice((-1, 1))) for _ in range(rng.randint(6, 16))]
    for height_y in (6.4, 6.6):
        for offset in (-1.4, -0.9, 0.9, 1.4):
            draw.line((*camera.at(offset, height_y, near), *camera.at(offset, height_y, 200)), fill=wire, width=thin)
    glows = []
    for z, kind, side in sorted(things, reverse=True):
        if kind == "lamp":
            foot, head = camera.at(side * (kerb + 0.4), 0, z), camera.at(side * (kerb + 0.4), 7.2, z)
            draw.line((*foot, *head), fill=hazed(wire, light, z), width=max(1, int(camera.focal * 0.14 / z)))
            draw.line((*head, *camera.at(-side * kerb, 6.6, z)), fill=hazed(wire, light, z), width=thin)
            if light.lamps_on and len(glows) < 12:
                glows.append((camera.at(side * (kerb - 0.6), 7.0, z), camera.focal * 1.2 / z))
        elif kind == "tree":
            x = side * (kerb + 1.2)
            trunk = max(1, int(camera.focal * 0.2 / z))
            draw.line((*camera.at(x, 0, z), *camera.at(x, 3, z)), fill=lit((60, 48, 40), light), width=trunk)
            green = hazed(lit(jitter(rng, rng.choice(GREENS)), light), light, z)
            left, top, right, bottom = camera.facing(x - 1.8, x + 1.8, 2.4, 6.6, z)
            draw.ellipse((left, top, right, bottom), fill=green)
            draw.ellipse((left, top, right, top + (bottom - top) * 0.6), fill=mix(green, light.sky_horizon, 0.12))
        elif kind == "car":
            draw_car(rng, draw, camera, light, side * 2.5, z)
        else:
            x = side * rng.uniform(kerb + 0.7, kerb + 3.0)
            foot = camera.at(x, 0, z)
            draw_figure(rng, draw, light, foot[0], foot[1], camera.focal * 1.75 / z, haze=hazed((0, 0, 0), light, z))
    for centre, radius in glows:
        paste_glow(picture, centre, radius, (255, 210, 140), strength=180)


def draw_car(rng, draw, camera: Camera, light: Light, x: float, z: float) -> None:
    """A car seen from behind (our lane) or from the front (oncoming), as traffic on the right has it."""
    body = hazed(lit(jitter(rng, rng.choice(CAR_COLOURS), 8), light), light, z)
    corner = camera.focal * 0.1 / z
    rounded(draw, camera.facing(x - 0.9, x + 0.9, 0.3, 1.0, z), radius=corner, fill=body)
    rounded(draw, camera.facing(x - 0.72, x + 0.72, 0.95, 1.45, z), radius=corner, fill=body)
    draw.rectangle(camera.facing(x - 0.6, x + 0.6, 1.02, 1.38, z), fill=hazed(lit((60, 70, 84), light), light, z))
    for wheel in (-0.7, 0.55):
        draw.rectangle(camera.facing(x + wheel, x + wheel + 0.15, 0.0, 0.35, z), fill=(20, 20, 22))
    lamp = (255, 60, 50) if x > 0 else (255, 244, 210)
    if not light.lamps_on:
        lamp = mix(lamp, body, 0.5)
    for offset in (-0.8, 0.56):
        draw.rectangle(camera.facing(x + offset, x + offset + 0.24, 0.62, 0.78, z), fill=lamp)


def draw_figure(rng, draw, light: Light, x: float, foot: float, tall: float, haze: RGB | None = None) -> None:
    """A person standing, seen from a distance: legs, coat, head."""
    coat = lit(jitter(rng, rng.choice(COATS), 20), light)
    skin = lit((150, 112, 88), light)
    if haze is not None:
        coat, skin = mix(coat, haze, 0.3), mix(skin, haze, 0.3)
    half = tall * 0.13
    draw.rectangle((x - half * 0.55, foot - tall * 0.46, x + half * 0.55, foot), fill=mix(coat, NIGHT, 0.45))
    rounded(draw, (x - half, foot - tall * 0.86, x + half, foot - tall * 0.4), radius=half * 0.6, fill=coat)
    draw.ellipse((x - half * 0.6, foot - tall, x + half * 0.6, foot - tall * 0.83), fill=skin)


def draw_parliament(rng: random.Random, size: Size, light: Light) -> Image.Image:
    """A colonnaded parliament with a dome, steps and a square in front."""
    width, height = size
    ground_y = height * rng.uniform(0.66, 0.72)
    picture = draw_sky(rng, size, light, ground_y)
    draw = ImageDraw.Draw(picture)
    unit = ground_y / 100  # every storey is measured in hundredths of the height above the square
    cx = width * rng.uniform(0.44, 0.56)
    span = min(width * rng.uniform(0.62, 0.8), unit * 150)
    stone = jitter(rng, rng.choice(STONE), 8)
    if light.is_dark:  # floodlit: the building stays bright against the night
        face, shadow = mix(stone, (255, 210, 150), 0.2), mix(stone, (60, 50, 40), 0.55)
    else:
        face, shadow = lit(stone, light), lit(stone, light, shade=0.45)
    tree_line(rng, picture, light, ground_y - unit, haze=0.45)

    steps_top = ground_y - unit * 6
    wing_top = steps_top - unit * 22
    column_top = steps_top - unit * 27
    entablature = column_top - unit * 4
    pediment = entablature - unit * 9
    portico = span * rng.uniform(0.32, 0.4)

    drum_width = portico * rng.uniform(0.55, 0.7)
    drum_top = pediment - unit * 8
    dome_height = unit * rng.uniform(11, 15)
    draw_dome(rng, draw, light, cx, drum_top, pediment, drum_width, dome_height, unit, face, shadow)

    left, right = cx - span / 2, cx + span / 2
    draw.rectangle((left, wing_top, right, steps_top), fill=face)
    draw.rectangle((left, wing_top, right, wing_top + unit * 2), fill=shadow)
    dark_window = lit((60, 70, 84), light)
    for wing_left, wing_right in ((left, cx - portico / 2), (cx + portico / 2, right)):
        bays = max(2, int((wing_right - wing_left) / (unit * 7)))
        bay = (wing_right - wing_left) / bays
        for i in range(bays):
            x = wing_left + bay * i
            draw.rectangle((x + bay * 0.02, wing_top + unit * 2, x + bay * 0.1, steps_top), fill=shadow)
            for top, bottom in (
                (wing_top + unit * 5, wing_top + unit * 11),
                (wing_top + unit * 14, steps_top - unit * 2),
            ):
                glowing = light.lamps_on and rng.random() < 0.5
                draw.rectangle(
                    (x + bay * 0.35, top, x + bay * 0.7, bottom), fill=WINDOW_GLOW if glowing else dark_window
                )

    p_left, p_right = cx - portico / 2, cx + portico / 2
    draw.rectangle((p_left, column_top, p_right, steps_top), fill=mix(shadow, (20, 20, 24), 0.35))
    columns = rng.choice((6, 8, 10))
    pitch = portico / columns
    for i in range(columns):
        x, half = p_left + pitch * (i + 0.5), pitch * 0.24
        draw.rectangle((x - half, column_top, x + half, steps_top), fill=face)
        draw.rectangle((x + half * 0.35, column_top, x + half, steps_top), fill=shadow)
        draw.rectangle((x - half * 1.3, column_top, x + half * 1.3, column_top + unit * 1.2), fill=face)
    draw.rectangle((p_left - unit, entablature, p_right + unit, column_top), fill=face)
    draw.rectangle((p_left - unit, column_top - unit * 1.2, p_right + unit, column_top), fill=shadow)
    draw.polygon([(p_left - unit * 2, entablature), (cx, pediment), (p_right + unit * 2, entablature)], fill=face)
    tympanum = [
        (p_left + unit * 3, entablature - unit),
        (cx, pediment + unit * 2),
        (p_right - unit * 3, entablature - unit),
    ]
    draw.polygon(tympanum, fill=mix(face, shadow, 0.5))
    for i in range(6):
        y0 = steps_top + (ground_y - steps_top) * i / 6
        spread = unit * (i + 1) * 1.5
        tone = mix(face, shadow, 0.5 if i % 2 else 0.15)
        draw.rectangle((p_left - spread, y0, p_right + spread, y0 + (ground_y - steps_top) / 6), fill=tone)

    draw_square(rng, draw, light, size, cx, ground_y)
    draw_trees_at(rng, draw, light, [(left - span * 0.04, ground_y), (right + span * 0.04, ground_y)], unit * 14)
    for _ in range(rng.randint(6, 16)):
        depth = rng.uniform(0, 1)
        foot = ground_y + (height - ground_y) * depth * 0.85 + unit
        draw_figure(rng, draw, light, rng.uniform(0.05, 0.95) * width, foot, unit * (3 + depth * 10))
    return picture


def draw_dome(rng, draw, light, cx, drum_top, drum_bottom, drum_width, dome_height, unit, face, shadow) -> None:
    draw.rectangle((cx - drum_width / 2, drum_top, cx + drum_width / 2, drum_bottom + unit * 2), fill=shadow)
    for i in range(12):
        x = cx - drum_width / 2 + drum_width * (i + 0.5) / 12
        draw.rectangle((x - unit * 0.6, drum_top + unit, x + unit * 0.6, drum_bottom + unit), fill=face)
    dome = mix(face, rng.choice(((90, 130, 120), (120, 120, 124), face)), 0.6)
    box = (cx - drum_width / 2, drum_top - dome_height, cx + drum_width / 2, drum_top + dome_height)
    draw.pieslice(box, 180, 360, fill=dome)
    # The lit side of the dome: a narrower half-ellipse of paler copper.
    highlight = (box[0] + drum_width * 0.08, box[1] + dome_height * 0.08, cx + drum_width * 0.1, box[3])
    draw.pieslice(highlight, 180, 360, fill=mix(dome, (255, 255, 255), 0.12))
    lantern = drum_top - dome_height
    draw.rectangle((cx - unit * 1.5, lantern - unit * 4, cx + unit * 1.5, lantern + unit), fill=face)
    pole_top = lantern - unit * 12
    draw.line((cx, lantern - unit * 4, cx, pole_top), fill=(60, 60, 64), width=max(1, int(unit * 0.4)))
    # A plain flag in no country's colours, so the building stands for no particular parliament.
    upper, lower = rng.choice((((0, 51, 153),) * 2, ((30, 110, 80), (240, 240, 236)), ((40, 70, 140), (240, 240, 236))))
    draw.rectangle((cx, pole_top, cx + unit * 8, pole_top + unit * 2.5), fill=lit(upper, light))
    draw.rectangle((cx, pole_top + unit * 2.5, cx + unit * 8, pole_top + unit * 5), fill=lit(lower, light))


def draw_square(rng, draw, light: Light, size: Size, cx: float, ground_y: float) -> None:
    """Paving in perspective, its joints running towards the building."""
    width, height = size
    paving = lit((236, 238, 242) if light.is_snowy else jitter(rng, (176, 170, 160), 10), light)
    draw.rectangle((0, ground_y, width, height), fill=paving)
    joint = mix(paving, (40, 40, 44), 0.22)
    for i in range(-14, 15):
        draw.line((cx + i * width * 0.012, ground_y, cx + i * width * 0.2, height), fill=joint, width=1)
    y, gap = ground_y + 2, height * 0.008
    while y < height:
        draw.line((0, y, width, y), fill=joint, width=1)
        y, gap = y + gap, gap * 1.3


def draw_trees_at(rng, draw, light: Light, feet: list[Point], tall: float) -> None:
    for x, y in feet:
        green = lit((90, 84, 80) if light.is_snowy else jitter(rng, rng.choice(GREENS)), light)
        for _ in range(6):
            dx, dy, r = rng.uniform(-0.5, 0.5) * tall, rng.uniform(0.25, 0.8) * tall, rng.uniform(0.3, 0.5) * tall
            shade = mix(green, (0, 0, 0), rng.uniform(0, 0.25))
            draw.ellipse((x + dx - r, y - dy - r, x + dx + r, y - dy + r * 0.8), fill=shade)


def draw_water(rng: random.Random, picture: Image.Image, light: Light, horizon: float) -> None:
    width, height = picture.size
    top = mix(light.sky_horizon, (30, 70, 100), 0.45)
    bottom = mix(light.sky_top, (12, 36, 60), 0.65)
    picture.paste(vertical_gradient((width, height - int(horizon)), top, bottom), (0, int(horizon)))
    draw = ImageDraw.Draw(picture)
    bright, dark = mix(top, (255, 255, 255), 0.22), mix(bottom, (0, 0, 0), 0.25)
    for _ in range(width // 4):
        y = rng.uniform(horizon + 1, height)
        depth = (y - horizon) / (height - horizon)
        x, length = rng.uniform(0, width), rng.uniform(0.01, 0.05) * width * depth
        draw.line((x, y, x + length, y), fill=rng.choice((bright, dark)), width=max(1, int(depth * 3)))
    if light.sun is not None:
        sun = mix(light.sun, top, 0.25)
        centre = rng.uniform(0.3, 0.7) * width
        for _ in range(width // 12):
            y = rng.uniform(horizon + 1, height)
            spread = (y - horizon) / (height - horizon) * width * 0.08
            x = centre + rng.gauss(0, spread + 2)
            draw.line((x, y, x + spread * 0.5 + 2, y), fill=sun, width=1)


def draw_harbour(rng: random.Random, size: Size, light: Light) -> Image.Image:
    """A container port: quay, ship-to-shore cranes, stacked containers and a ship alongside."""
    width, height = size
    horizon = height * rng.uniform(0.5, 0.58)
    picture = draw_sky(rng, size, light, horizon)
    draw = ImageDraw.Draw(picture)
    shore = ridge(rng, width, horizon, height * 0.012)
    draw.polygon(
        [*shore, (width, horizon + 1), (0, horizon + 1)], fill=mix(lit((70, 84, 80), light), light.sky_horizon, 0.55)
    )
    draw_water(rng, picture, light, horizon)
    quay_y = horizon + height * rng.uniform(0.08, 0.12)
    quay_right = width * rng.uniform(0.55, 0.75)
    draw.polygon(
        [(0, horizon + 2), (quay_right * 0.92, horizon + 2), (quay_right, quay_y), (0, quay_y)],
        fill=lit((150, 150, 146), light),
    )
    draw.rectangle((0, quay_y, quay_right, quay_y + height * 0.025), fill=lit((90, 90, 92), light, shade=0.3))

    box_w, box_h = width * 0.022, height * 0.022
    for column in range(int(quay_right * 0.3 / box_w)):
        left = column * box_w
        for level in range(rng.randint(1, 4)):
            colour = lit(jitter(rng, rng.choice(CONTAINER_COLOURS), 12), light, shade=0.15)
            draw.rectangle(
                (left, horizon + 2 - box_h * (level + 1), left + box_w - 1, horizon + 1 - box_h * level), fill=colour
            )

    crane = lit(jitter(rng, rng.choice(((200, 70, 40), (220, 220, 214), (40, 90, 150))), 10), light)
    thick = max(2, width // 220)
    x = width * rng.uniform(0.06, 0.12)
    while x < quay_right * 0.9:
        draw_crane(rng, draw, x, quay_y, quay_y - height * 0.06, size, crane, thick)
        x += width * rng.uniform(0.14, 0.2)
    ship_left = quay_right * rng.uniform(0.3, 0.4)
    ship_right = min(width * 1.05, quay_right + width * rng.uniform(0.15, 0.3))
    deck = quay_y - height * 0.03
    keel = quay_y + height * 0.07
    hull = lit(jitter(rng, rng.choice(((30, 40, 60), (120, 30, 30), (40, 60, 50), (50, 50, 56)))), light)
    draw.polygon(
        [
            (ship_left, deck),
            (ship_right, deck - height * 0.01),
            (ship_right - width * 0.02, keel),
            (ship_left + width * 0.01, keel),
        ],
        fill=hull,
    )
    draw.rectangle(
        (ship_left + width * 0.01, keel - height * 0.012, ship_right - width * 0.02, keel),
        fill=lit((150, 40, 36), light),
    )
    x = ship_left + width * 0.03
    while x + box_w < ship_right - width * 0.12:
        for level in range(rng.randint(2, 5)):
            colour = lit(jitter(rng, rng.choice(CONTAINER_COLOURS), 10), light)
            draw.rectangle((x, deck - box_h * (level + 1), x + box_w - 1, deck - box_h * level - 1), fill=colour)
        x += box_w
    bridge_x = ship_right - width * 0.1
    draw.rectangle((bridge_x, deck - height * 0.13, bridge_x + width * 0.05, deck), fill=lit((236, 234, 228), light))
    for row in range(4):
        y = deck - height * (0.12 - row * 0.028)
        pane = WINDOW_GLOW if light.lamps_on else (50, 60, 70)
        draw.rectangle((bridge_x + width * 0.004, y, bridge_x + width * 0.046, y + height * 0.008), fill=pane)

    return picture


def draw_crane(rng, draw, x: float, quay_y: float, hook_y: float, size: Size, colour: RGB, thick: int) -> None:
    """A ship-to-shore gantry crane: two legs, a cross beam, a boom out over the water."""
    width, height = size
    top = quay_y - height * rng.uniform(0.38, 0.46)
    legs = width * 0.035
    draw.line((x - legs, quay_y, x - legs * 0.4, top), fill=colour, width=thick)
    draw.line((x + legs, quay_y, x + legs * 0.4, top), fill=colour, width=thick)
    draw.line(
        (x - legs * 0.7, quay_y - height * 0.15, x + legs * 0.7, quay_y - height * 0.15), fill=colour, width=thick
    )
    boom = width * rng.uniform(0.12, 0.18)
    apex = (x, top - height * 0.07)
    draw.line((x - legs * 1.6, top, x + boom, top), fill=colour, width=thick)
    draw.line((*apex, x + boom * 0.85, top), fill=colour, width=max(1, thick // 2))
    draw.line((*apex, x - legs * 1.5, top), fill=colour, width=max(1, thick // 2))
    trolley = x + boom * 0.5
    draw.rectangle((trolley, top, trolley + width * 0.012, top + height * 0.02), fill=mix(colour, NIGHT, 0.4))
    draw.line(
        (trolley + width * 0.006, top + height * 0.02, trolley + width * 0.006, hook_y), fill=(30, 30, 30), width=1
    )


CROPS = {
    # crop: (colour near the camera, colour at the horizon)
    "ploughed": ((96, 70, 50), (140, 116, 92)),
    "young wheat": ((78, 122, 52), (128, 150, 96)),
    "ripe wheat": ((206, 168, 84), (214, 190, 130)),
    "sunflowers": ((58, 92, 40), (110, 120, 70)),
    "snow": ((236, 238, 244), (214, 220, 232)),
}


def draw_field(rng: random.Random, size: Size, light: Light) -> Image.Image:
    """Farmland in perspective: furrows to the horizon, woods, a grain silo and a tractor."""
    width, height = size
    horizon = height * rng.uniform(0.42, 0.55)
    picture = draw_sky(rng, size, light, horizon)
    draw = ImageDraw.Draw(picture)
    if rng.random() < 0.6:
        silo_x = rng.uniform(0.05, 0.85) * width
        silo = mix(lit((200, 200, 196), light), light.sky_horizon, 0.4)
        for i in range(rng.randint(2, 5)):
            x = silo_x + i * width * 0.016
            draw.rectangle((x, horizon - height * 0.09, x + width * 0.014, horizon + 1), fill=silo)
            draw.ellipse((x, horizon - height * 0.098, x + width * 0.014, horizon - height * 0.082), fill=silo)
        draw.rectangle(
            (silo_x - width * 0.01, horizon - height * 0.13, silo_x, horizon + 1), fill=mix(silo, (0, 0, 0), 0.1)
        )
    tree_line(rng, picture, light, horizon)

    crop = "snow" if light.is_snowy else rng.choice(("ploughed", "young wheat", "ripe wheat", "sunflowers"))
    near_colour, far_colour = CROPS[crop]
    ground = vertical_gradient((width, height - int(horizon)), lit(far_colour, light), lit(near_colour, light))
    picture.paste(ground, (0, int(horizon)))
    # Neighbouring fields near the horizon, in other crops.
    y = horizon + 2
    for _ in range(rng.randint(1, 3)):
        band = height * rng.uniform(0.004, 0.012)
        other = mix(lit(rng.choice(list(CROPS.values()))[1], light), light.sky_horizon, 0.3)
        draw.rectangle((0, y, width, y + band), fill=other)
        y += band
    vanishing = rng.uniform(0.2, 0.8) * width
    furrow = lit(mix(near_colour, (0, 0, 0), 0.25), light)
    crest = lit(mix(near_colour, (255, 255, 255), 0.12), light)
    for i in range(-60, 61):
        bottom_x = vanishing + i * width * 0.045
        draw.line(
            (vanishing + i * 0.6, y, bottom_x, height), fill=furrow if i % 2 else crest, width=max(1, width // 500)
        )
    if crop == "sunflowers":
        draw_sunflowers(rng, draw, light, size, y)
    depth = rng.uniform(0.15, 0.45)
    tractor_y = y + (height - y) * depth
    draw_tractor(rng, draw, light, rng.uniform(0.2, 0.8) * width, tractor_y, height * (0.04 + depth * 0.22))
    return picture


def draw_sunflowers(rng, draw, light: Light, size: Size, top: float) -> None:
    width, height = size
    petal, centre = lit((236, 190, 30), light), lit((70, 46, 20), light)
    for _ in range(900):
        depth = rng.random() ** 1.6
        y = top + (height - top) * depth
        r = 1 + depth * width * 0.012
        x = rng.uniform(-r, width + r)
        draw.ellipse((x - r, y - r * 0.8, x + r, y + r * 0.8), fill=petal)
        draw.ellipse((x - r * 0.4, y - r * 0.3, x + r * 0.4, y + r * 0.3), fill=centre)


def draw_tractor(rng, draw, light: Light, x: float, ground: float, size: float) -> None:
    paint = lit(jitter(rng, rng.choice(((40, 120, 60), (180, 40, 30), (30, 80, 150), (220, 170, 40))), 10), light)
    tyre = (24, 24, 26)
    s = size
    draw.rectangle((x - s * 0.9, ground - s * 0.75, x + s * 0.3, ground - s * 0.35), fill=paint)
    cab = [
        (x - s * 0.85, ground - s * 0.75),
        (x - s * 0.8, ground - s * 1.3),
        (x - s * 0.25, ground - s * 1.3),
        (x - s * 0.15, ground - s * 0.75),
    ]
    draw.polygon(cab, fill=mix(paint, NIGHT, 0.55))
    glass = [
        (x - s * 0.75, ground - s * 0.8),
        (x - s * 0.72, ground - s * 1.22),
        (x - s * 0.32, ground - s * 1.22),
        (x - s * 0.25, ground - s * 0.8),
    ]
    draw.polygon(glass, fill=lit((120, 150, 170), light))
    draw.line(
        (x + s * 0.15, ground - s * 0.75, x + s * 0.15, ground - s * 1.05), fill=tyre, width=max(1, int(s * 0.05))
    )
    draw.ellipse((x - s * 0.95, ground - s * 0.85, x - s * 0.15, ground), fill=tyre)
    draw.ellipse((x - s * 0.7, ground - s * 0.6, x - s * 0.4, ground - s * 0.25), fill=paint)
    draw.ellipse((x + s * 0.05, ground - s * 0.45, x + s * 0.5, ground), fill=tyre)


def draw_skyline(rng: random.Random, size: Size, light: Light) -> Image.Image:
    """A city across a river: towers, church domes and a bridge, with the lights reflected."""
    width, height = size
    waterline = height * rng.uniform(0.66, 0.74)
    picture = draw_sky(rng, size, light, waterline)
    draw = ImageDraw.Draw(picture)
    draw_water(rng, picture, light, waterline)
    reflections = []
    for row, haze in ((0, 0.6), (1, 0.3), (2, 0.0)):
        base = waterline - height * 0.01 * (2 - row)
        x = rng.uniform(-60, 0)
        while x < width:
            wide = rng.uniform(0.03, 0.08) * width
            tall = height * (rng.uniform(0.1, 0.45) if row == 0 else rng.uniform(0.08, 0.3 - row * 0.06))
            tone = mix(lit(jitter(rng, rng.choice(FACADES), 10), light, shade=0.5), light.sky_horizon, haze)
            draw_tower(rng, draw, light, (x, base - tall, x + wide, base), tone, row, reflections)
            x += wide + rng.uniform(-0.01, 0.01) * width
    for left, right, colour in reflections:
        for _ in range(4):
            y = waterline + rng.uniform(2, height * 0.2)
            cx = rng.uniform(left, right)
            draw.line((cx - width * 0.01, y, cx + width * 0.01, y), fill=mix(colour, (20, 30, 50), 0.4), width=2)
    deck = waterline - height * 0.02
    steel = lit((70, 70, 76), light, shade=0.3)
    draw.rectangle((0, deck, width, deck + height * 0.012), fill=steel)
    span = width / rng.randint(4, 7)
    for i in range(8):
        x = i * span
        draw.rectangle((x - width * 0.006, deck, x + width * 0.006, waterline + height * 0.01), fill=steel)
        draw.arc(
            (x, deck - height * 0.02, x + span, deck + height * 0.1), 180, 360, fill=steel, width=max(1, width // 500)
        )
    return picture


def draw_tower(rng, draw, light: Light, box, tone: RGB, row: int, reflections: list) -> None:
    """One building of the skyline: a block, maybe a stepped top, a mast or a church dome; lit windows."""
    left, top, right, base = box
    wide = right - left
    draw.rectangle(box, fill=tone)
    roof = rng.random()
    if roof < 0.25:
        draw.rectangle((left + wide * 0.2, top - wide * 0.25, right - wide * 0.2, top), fill=tone)
    elif roof < 0.4:
        draw.line((left + wide / 2, top, left + wide / 2, top - wide * 0.9), fill=tone, width=max(1, int(wide * 0.04)))
    elif roof < 0.5 and row == 2:
        cap = lit(rng.choice(((200, 170, 60), (80, 140, 110))), light)
        dome = wide * 0.3
        middle = left + wide / 2
        draw.rectangle((middle - dome * 0.7, top - dome, middle + dome * 0.7, top), fill=tone)
        draw.pieslice(
            (middle - dome * 0.8, top - dome * 2.4, middle + dome * 0.8, top - dome * 0.4), 180, 360, fill=cap
        )
        draw.polygon(
            [
                (middle - dome * 0.8, top - dome * 1.4),
                (middle, top - dome * 2.6),
                (middle + dome * 0.8, top - dome * 1.4),
            ],
            fill=cap,
        )
        draw.line((middle, top - dome * 2.6, middle, top - dome * 3.4), fill=cap, width=2)
    if row == 0 or not (light.lamps_on or row == 2):
        return
    glow = hazed(WINDOW_GLOW, light, 60 if row == 1 else 10) if light.lamps_on else mix(tone, (200, 220, 240), 0.25)
    pane = max(2, wide / 10)
    for wy in range(int(top + pane * 2), int(base - pane), max(1, int(pane * 2.2))):
        for wx in range(int(left + pane), int(right - pane), max(1, int(pane * 1.8))):
            if not light.lamps_on or rng.random() < 0.45:
                draw.rectangle((wx, wy, wx + pane * 0.8, wy + pane), fill=glow)
    if light.lamps_on:
        reflections.append((left, right, glow))


def draw_power_lines(rng: random.Random, size: Size, light: Light) -> Image.Image:
    """High-voltage pylons marching across open country."""
    width, height = size
    horizon = height * rng.uniform(0.58, 0.68)
    picture = draw_sky(rng, size, light, horizon)
    field = (234, 236, 242) if light.is_snowy else rng.choice(((120, 130, 80), (150, 130, 90), (100, 120, 70)))
    ground = vertical_gradient(
        (width, height - int(horizon)), lit(mix(field, light.sky_horizon, 0.3), light), lit(field, light)
    )
    picture.paste(ground, (0, int(horizon)))
    tree_line(rng, picture, light, horizon, haze=0.55)
    draw = ImageDraw.Draw(picture)
    tuft = lit(mix(field, (0, 0, 0), 0.2), light)
    for _ in range(width // 2):
        depth = rng.random() ** 2
        y = horizon + 3 + (height - horizon) * depth
        x, blade = rng.uniform(0, width), 1 + depth * height * 0.02
        draw.line((x, y, x + blade * 0.3, y - blade), fill=tuft, width=1)

    camera = Camera(rng.uniform(0.3, 0.7) * width, horizon, 0.6 * width, eye=2.0)
    metal = (30, 32, 40) if light.is_dark else lit((60, 62, 66), light, shade=0.2)
    lateral = rng.choice((-1, 1)) * rng.uniform(10, 14)
    towers = [rng.uniform(40, 55) + 45 * i for i in range(9)]
    arms = [(-5.5, 26.0), (5.5, 26.0), (-7.5, 20.0), (7.5, 20.0)]
    for z in reversed(towers):
        draw_pylon(draw, camera, lateral, z, arms, hazed(metal, light, z, 600))
    wire = mix(metal, light.sky_horizon, 0.2)
    for arm_x, arm_y in arms:
        for z0, z1 in zip(towers, towers[1:], strict=False):
            sag = [
                camera.at(lateral + arm_x, arm_y - 0.6 - 10 * t * (1 - t), z0 + (z1 - z0) * t)
                for t in (i / 12 for i in range(13))
            ]
            draw.line(sag, fill=hazed(wire, light, z0, 600), width=max(1, int(camera.focal * 0.02 / z0)))
    return picture


def draw_pylon(draw, camera: Camera, x: float, z: float, arms, colour: RGB) -> None:
    line_width = max(1, int(camera.focal * 0.2 / z))
    brace = max(1, line_width // 2)
    base_l, base_r = camera.at(x - 3, 0, z), camera.at(x + 3, 0, z)
    waist_l, waist_r = camera.at(x - 1.2, 18, z), camera.at(x + 1.2, 18, z)
    peak = camera.at(x, 32, z)
    for start, end in ((base_l, waist_l), (base_r, waist_r), (waist_l, peak), (waist_r, peak)):
        draw.line((*start, *end), fill=colour, width=line_width)
    for level in range(4):
        y0, y1 = level * 4.5, (level + 1) * 4.5
        w0, w1 = 3 - level * 0.45, 3 - (level + 1) * 0.45
        draw.line((*camera.at(x - w0, y0, z), *camera.at(x + w1, y1, z)), fill=colour, width=brace)
        draw.line((*camera.at(x + w0, y0, z), *camera.at(x - w1, y1, z)), fill=colour, width=brace)
    for arm_x, arm_y in arms:
        draw.line((*camera.at(x, arm_y, z), *camera.at(x + arm_x, arm_y, z)), fill=colour, width=line_width)


def draw_railway(rng: random.Random, size: Size, light: Light) -> Image.Image:
    """Tracks running to the horizon beside a platform, with overhead line masts."""
    width, height = size
    camera = Camera(rng.uniform(0.4, 0.6) * width, height * rng.uniform(0.44, 0.52), 0.55 * width)
    near, far = camera.near_ground(height), 400.0
    picture = draw_sky(rng, size, light, camera.vy)
    tree_line(rng, picture, light, camera.vy, haze=0.55)
    draw = ImageDraw.Draw(picture)
    gravel = (220, 222, 228) if light.is_snowy else (120, 112, 104)
    grass = (236, 238, 244) if light.is_snowy else rng.choice(GREENS)
    for z0, z1 in depth_bands(near, far, 12):
        draw.polygon(camera.floor(-40, 40, 0, z0, z1), fill=hazed(lit(grass, light), light, z1))
        draw.polygon(camera.floor(-4.5, 6, 0, z0, z1), fill=hazed(lit(gravel, light), light, z1))
        draw.polygon(camera.floor(-11, -5, 0.9, z0, z1), fill=hazed(lit((170, 168, 164), light), light, z1))
    draw.polygon(camera.floor(-5.4, -5, 0.9, near, far), fill=lit((230, 190, 40), light))
    draw.polygon(camera.wall(-5, 0, 0.9, near, far), fill=lit((130, 128, 124), light, shade=0.4))
    sleeper, rail = lit((80, 66, 54), light, shade=0.2), lit((190, 190, 196), light)
    for centre in (-1.6, 3.4):
        z = near
        while z < 160:
            draw.polygon(camera.floor(centre - 1.3, centre + 1.3, 0.05, z, z + 0.25), fill=hazed(sleeper, light, z))
            z += 0.65
        for offset in (-0.72, 0.72):
            start, end = camera.at(centre + offset, 0.15, near), camera.at(centre + offset, 0.15, far)
            draw.line((*start, *end), fill=rail, width=max(1, width // 400))
    metal = lit((70, 72, 76), light, shade=0.3)
    z = near + 3
    while z < 300:
        foot, head = camera.at(7.5, 0, z), camera.at(7.5, 7, z)
        draw.line((*foot, *head), fill=hazed(metal, light, z), width=max(1, int(camera.focal * 0.25 / z)))
        draw.line(
            (*head, *camera.at(-2.5, 6.6, z)), fill=hazed(metal, light, z), width=max(1, int(camera.focal * 0.08 / z))
        )
        z += 24
    for centre in (-1.6, 3.4):
        draw.line((*camera.at(centre, 6.0, near), *camera.at(centre, 6.0, far)), fill=metal, width=1)
    shelter_z = rng.uniform(30, 70)
    draw.polygon(
        camera.wall(-10, 0.9, 4.5, shelter_z, shelter_z + 25),
        fill=hazed(lit(jitter(rng, (150, 60, 50), 20), light), light, shelter_z),
    )
    draw.polygon(
        camera.floor(-10.5, -6, 4.5, shelter_z, shelter_z + 25), fill=hazed(lit((70, 70, 74), light), light, shelter_z)
    )
    for _ in range(rng.randint(2, 6)):
        z = rng.uniform(near + 4, shelter_z + 20)
        foot = camera.at(rng.uniform(-10, -6), 0.9, z)
        draw_figure(rng, draw, light, foot[0], foot[1], camera.focal * 1.75 / z, haze=hazed((0, 0, 0), light, z))
    if rng.random() < 0.6:
        draw_train(rng, draw, camera, light, rng.uniform(60, 140))
    return picture


def draw_train(rng, draw, camera: Camera, light: Light, z: float) -> None:
    body = hazed(lit(jitter(rng, rng.choice(((30, 70, 140), (200, 200, 196), (180, 40, 40))), 10), light), light, z)
    left, top, right, bottom = camera.facing(-3.2, 0, 0.4, 4.2, z)
    rounded(draw, (left, top, right, bottom), radius=(right - left) * 0.15, fill=body)
    draw.rectangle(camera.facing(-2.9, -0.3, 2.4, 3.6, z), fill=hazed(lit((40, 50, 60), light), light, z))
    for offset in (-2.7, -0.7):
        draw.ellipse(camera.facing(offset, offset + 0.35, 0.9, 1.25, z), fill=(255, 240, 200))


def draw_stage(rng: random.Random, size: Size, light: Light) -> Image.Image:
    """A stage seen from the stalls: curtains, a lit backdrop, spotlights, heads in the audience."""
    width, height = size
    backdrop = jitter(rng, rng.choice(((120, 40, 60), (30, 50, 110), (160, 90, 40), (40, 90, 90))), 12)
    picture = vertical_gradient(size, mix(backdrop, (0, 0, 0), 0.75), mix(backdrop, (255, 220, 180), 0.2))
    draw = ImageDraw.Draw(picture)
    stage_top = height * 0.68
    boards = [
        (width * 0.08, stage_top),
        (width * 0.92, stage_top),
        (width * 1.1, height * 0.85),
        (-width * 0.1, height * 0.85),
    ]
    draw.polygon(boards, fill=(96, 62, 40))
    draw.rectangle((-1, height * 0.85, width, height * 0.9), fill=(40, 26, 20))
    spots = [
        (rng.uniform(0.15, 0.85) * width, rng.uniform(0.35, 0.65) * width, width * rng.uniform(0.05, 0.09))
        for _ in range(rng.randint(2, 4))
    ]

    def beams(mask: ImageDraw.ImageDraw) -> None:
        for top_x, bottom_x, spread in spots:
            foot = stage_top * 1.04 / 8
            mask.polygon([(top_x / 8, 0), ((bottom_x - spread) / 8, foot), ((bottom_x + spread) / 8, foot)], fill=70)
            pool = (
                (bottom_x - spread * 1.5) / 8,
                foot - height * 0.03 / 8,
                (bottom_x + spread * 1.5) / 8,
                foot + height * 0.06 / 8,
            )
            mask.ellipse(pool, fill=150)

    paste_soft(picture, (0, 0, width, height), (255, 226, 170), beams)
    draw = ImageDraw.Draw(picture)
    if rng.random() < 0.8:
        x = spots[0][1]
        draw_figure(rng, draw, STAGE_LIGHT, x, stage_top + height * 0.03, height * 0.3)
        draw.line(
            (x + height * 0.05, stage_top + height * 0.03, x + height * 0.05, stage_top - height * 0.18),
            fill=(20, 20, 20),
            width=max(1, width // 600),
        )
    curtain = jitter(rng, (140, 20, 30), 14)
    folds = 9
    for left in (0, width * 0.84):
        for i in range(folds):
            x0 = left + width * 0.16 * i / folds
            draw.rectangle(
                (x0, 0, x0 + width * 0.16 / folds + 1, height * 0.9),
                fill=mix(curtain, (0, 0, 0), 0.15 + 0.35 * (i % 2)),
            )
    draw.rectangle((0, 0, width, height * 0.1), fill=mix(curtain, (0, 0, 0), 0.3))
    for i in range(12):
        x = width * i / 12
        draw.pieslice((x, height * 0.04, x + width / 12, height * 0.16), 0, 180, fill=mix(curtain, (0, 0, 0), 0.2))
    for row, (y, scale) in enumerate(((0.86, 0.05), (0.92, 0.065), (1.0, 0.085))):
        r, tone = height * scale, (8 + row * 3, 6 + row * 3, 8 + row * 3)
        x = rng.uniform(-r, 0)
        while x < width + r:
            draw.ellipse((x - r * 0.55, height * y - r * 1.6, x + r * 0.55, height * y - r * 0.4), fill=tone)
            rounded(draw, (x - r * 1.1, height * y - r * 0.6, x + r * 1.1, height * y + r), radius=r * 0.5, fill=tone)
            x += r * rng.uniform(1.9, 2.5)
    return picture


@dataclass(frozen=True)
class Scene:
    name: str
    subject: str
    draw: Callable[[random.Random, Size, Light], Image.Image]
    is_outdoors: bool = True


SCENES = (
    Scene("street", "a city street lined with apartment blocks", draw_street),
    Scene("parliament", "a parliament building with a dome and columns", draw_parliament),
    Scene("harbour", "cranes and a container ship in a harbour", draw_harbour),
    Scene("field", "a tractor in farmland stretching to the horizon", draw_field),
    Scene("skyline", "a city skyline across a river", draw_skyline),
    Scene("power-lines", "high-voltage power lines across open country", draw_power_lines),
    Scene("railway", "railway tracks beside a platform", draw_railway),
    Scene("stage", "a theatre stage lit for a performance, seen from the audience", draw_stage, is_outdoors=False),
)
SCENE_NAMES = tuple(scene.name for scene in SCENES)


@cache
def grain_and_vignette(size: Size) -> Image.Image:
    """One layer added to every picture: film grain around 128, darker towards the corners.

    The grain comes from a fixed seed, so a seed always gives the same bytes; one
    addition does both jobs, where multiplying in a vignette would cost as much again.
    """
    tile_size = (min(256, size[0]), min(256, size[1]))
    noise = random.Random("grain").randbytes(tile_size[0] * tile_size[1])
    tile = Image.frombytes("L", tile_size, noise).point(lambda v: 128 + (v - 128) * GRAIN // 128)
    layer = Image.new("L", size)
    for x in range(0, size[0], tile_size[0]):
        for y in range(0, size[1], tile_size[1]):
            layer.paste(tile, (x, y))
    corners = Image.radial_gradient("L").resize(size).point(lambda v: max(0, v - 100) * VIGNETTE // 155)
    layer = ImageChops.subtract(layer, corners)
    return Image.merge("RGB", (layer, layer, layer))


def finish(picture: Image.Image) -> bytes:
    picture = ImageChops.add(picture, grain_and_vignette(picture.size), 1.0, -128)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def draw_photo(rng: random.Random, scene_index: int) -> Drawing:
    """Scene ``scene_index`` (cycled) in a random light, at one of ``PHOTO_SIZES``."""
    size = rng.choice(PHOTO_SIZES)
    scene = SCENES[scene_index % len(SCENES)]
    light = rng.choice(LIGHTS)
    picture = scene.draw(rng, size, light)
    subject = f"{scene.subject} {light.name}" if scene.is_outdoors else scene.subject
    return Drawing(finish(picture), subject, scene.name, *size)


SKIN_TONES = ((246, 214, 190), (234, 190, 160), (212, 160, 120), (178, 124, 90), (140, 96, 66), (102, 70, 50))
HAIR_COLOURS = (
    (30, 24, 20),
    (70, 46, 30),
    (120, 80, 44),
    (190, 150, 90),
    (150, 146, 140),
    (210, 206, 200),
    (110, 40, 24),
)
CLOTHES = ((40, 50, 70), (60, 60, 64), (120, 40, 44), (200, 200, 196), (40, 90, 80), (150, 120, 90), (80, 60, 110))
BACKDROPS = ((200, 206, 214), (190, 176, 160), (150, 170, 180), (120, 130, 150), (210, 200, 190), (90, 110, 100))
HAIR_STYLES = ("short", "long", "bun", "curly", "cropped", "bald")


def draw_avatar(rng: random.Random) -> Drawing:
    """A head-and-shoulders portrait placeholder on a soft, out-of-focus background."""
    size = AVATAR_SIZE
    back = jitter(rng, rng.choice(BACKDROPS), 16)
    picture = vertical_gradient((size, size), mix(back, (255, 255, 255), 0.25), mix(back, (0, 0, 0), 0.25))
    blobs = [(rng.uniform(0, size), rng.uniform(0, size * 0.7), rng.uniform(0.08, 0.2) * size) for _ in range(6)]

    def bokeh(draw: ImageDraw.ImageDraw) -> None:
        for x, y, r in blobs:
            draw.ellipse(((x - r) / 8, (y - r) / 8, (x + r) / 8, (y + r) / 8), fill=rng.randint(40, 110))

    paste_soft(picture, (0, 0, size, size), mix(back, (255, 250, 236), 0.6), bokeh)
    draw = ImageDraw.Draw(picture)
    skin = jitter(rng, rng.choice(SKIN_TONES), 8)
    shadow = mix(skin, (40, 20, 10), 0.28)
    hair = jitter(rng, rng.choice(HAIR_COLOURS), 8)
    style = rng.choice(HAIR_STYLES)
    clothes = jitter(rng, rng.choice(CLOTHES), 10)
    cx = size * rng.uniform(0.46, 0.54)
    head_w, head_h = size * rng.uniform(0.27, 0.31), size * rng.uniform(0.36, 0.4)
    head_top = size * rng.uniform(0.15, 0.2)
    chin = head_top + head_h
    light_from = rng.choice((-1, 1))

    if style == "long":
        rounded(
            draw,
            (cx - head_w * 0.62, head_top + head_h * 0.1, cx + head_w * 0.62, chin + size * 0.16),
            radius=head_w * 0.4,
            fill=mix(hair, (0, 0, 0), 0.15),
        )
    draw.rectangle((cx - head_w * 0.22, chin - head_h * 0.2, cx + head_w * 0.22, chin + size * 0.12), fill=shadow)
    neck_y = chin + size * 0.09
    shoulders = (cx - size * 0.48, neck_y, cx + size * 0.48, chin + size * 0.6)
    rounded(draw, shoulders, radius=size * 0.16, fill=clothes)
    inset = (size * 0.02 * (1 + light_from), size * 0.02 * (1 - light_from))
    highlight = (shoulders[0] + inset[0], shoulders[1], shoulders[2] - inset[1], shoulders[3])
    rounded(draw, highlight, radius=size * 0.16, fill=mix(clothes, (255, 255, 255), 0.08))
    draw_collar(rng, draw, cx, neck_y, head_w, size, shadow)
    for side in (-1, 1):
        ear_x = cx + side * head_w * 0.5
        draw.ellipse(
            (ear_x - head_w * 0.08, head_top + head_h * 0.42, ear_x + head_w * 0.08, head_top + head_h * 0.62),
            fill=shadow,
        )
    draw.ellipse((cx - head_w / 2, head_top, cx + head_w / 2, chin), fill=shadow)
    lit_face = (
        cx - head_w / 2 + head_w * 0.08 * (light_from + 1) / 2,
        head_top + head_h * 0.02,
        cx + head_w / 2 - head_w * 0.08 * (1 - light_from) / 2,
        chin - head_h * 0.04,
    )
    draw.ellipse(lit_face, fill=skin)
    draw_hair(rng, draw, style, hair, cx, head_top, head_w, head_h)
    if rng.random() < 0.3:
        draw_glasses(rng, draw, cx, head_top + head_h * 0.48, head_w, head_h, size)
    return Drawing(finish(picture), "a head-and-shoulders portrait", "portrait", size, size)


def draw_collar(rng, draw, cx: float, neck_y: float, head_w: float, size: int, shadow: RGB) -> None:
    collar = rng.choice(("v", "crew", "shirt"))
    if collar == "shirt":
        shirt = rng.choice(((236, 236, 232), (180, 200, 220)))
        draw.polygon(
            [(cx - head_w * 0.45, neck_y), (cx, neck_y + size * 0.2), (cx + head_w * 0.45, neck_y)], fill=shirt
        )
        draw.polygon(
            [
                (cx - head_w * 0.2, neck_y - size * 0.01),
                (cx, neck_y + size * 0.1),
                (cx + head_w * 0.2, neck_y - size * 0.01),
            ],
            fill=shadow,
        )
    elif collar == "v":
        draw.polygon(
            [(cx - head_w * 0.3, neck_y), (cx, neck_y + size * 0.12), (cx + head_w * 0.3, neck_y)], fill=shadow
        )
    else:
        draw.chord(
            (cx - head_w * 0.32, neck_y - size * 0.04, cx + head_w * 0.32, neck_y + size * 0.05), 0, 180, fill=shadow
        )


def draw_hair(rng, draw, style: str, hair: RGB, cx: float, head_top: float, head_w: float, head_h: float) -> None:
    if style == "bald":
        return
    cap = head_h * (0.42 if style in {"short", "long", "bun"} else 0.32)
    draw.chord(
        (cx - head_w * 0.54, head_top - head_h * 0.06, cx + head_w * 0.54, head_top + cap * 1.6), 180, 360, fill=hair
    )
    if style == "bun":
        draw.ellipse(
            (cx - head_w * 0.2, head_top - head_h * 0.22, cx + head_w * 0.2, head_top + head_h * 0.06), fill=hair
        )
    elif style == "curly":
        for _ in range(18):
            angle = rng.uniform(math.pi, math.tau)
            x = cx + math.cos(angle) * head_w * 0.5
            y = head_top + head_h * 0.3 + math.sin(angle) * head_h * 0.38
            r = head_w * rng.uniform(0.1, 0.16)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=hair)
    elif style in {"short", "long"}:
        side = rng.choice((-1, 1))
        fringe = [
            (cx + side * head_w * 0.5, head_top + head_h * 0.1),
            (cx - side * head_w * 0.1, head_top + head_h * 0.12),
            (cx + side * head_w * 0.52, head_top + head_h * 0.38),
        ]
        draw.polygon(fringe, fill=hair)


def draw_glasses(rng, draw, cx: float, eye_y: float, head_w: float, head_h: float, size: int) -> None:
    frame = (30, 30, 34) if rng.random() < 0.7 else (150, 110, 60)
    for side in (-1, 1):
        x = cx + side * head_w * 0.19
        lens = (x - head_w * 0.14, eye_y - head_h * 0.05, x + head_w * 0.14, eye_y + head_h * 0.06)
        rounded(draw, lens, radius=head_w * 0.04, outline=frame, width=max(1, size // 130))
    draw.line((cx - head_w * 0.05, eye_y, cx + head_w * 0.05, eye_y), fill=frame, width=max(1, size // 160))
