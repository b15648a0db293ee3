"""A fake camera for Chromium: a Y4M video made of generated codes (no ffmpeg needed).

Chromium plays the file in a loop through getUserMedia when started with
--use-file-for-fake-video-capture (../shared/TESTING.md).
"""
import numpy as np

from scanner.synthetic import render

SIZE = (640, 480)


def camera_args(video_path):
    """Chromium flags for a fake camera playing the file, with the permission prompt accepted."""
    return ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video_path}"]


def framed(symbology, text, size=SIZE, gs1=False):
    """A grey frame of the given size with the code drawn in its middle, as large as fits in
    the centre the app decodes (70% of the width)."""
    width, height = size
    frame = np.full((height, width), 235, np.uint8)
    for module_px in (4, 3, 2):
        code = render(symbology, text, module_px=module_px, gs1=gs1)
        if code.shape[1] <= width * 0.7 and code.shape[0] <= height * 0.7:
            break
    top, left = (height - code.shape[0]) // 2, (width - code.shape[1]) // 2
    frame[top:top + code.shape[0], left:left + code.shape[1]] = code
    return frame


def blank(size=SIZE):
    """A frame with nothing on it (a code has left the view)."""
    return np.full((size[1], size[0]), 235, np.uint8)


def write_y4m(path, frames, fps=30):
    """Write grey frames as a 4:2:0 Y4M video (chroma planes neutral)."""
    height, width = frames[0].shape
    chroma = np.full(((height // 2) * (width // 2) * 2,), 128, np.uint8).tobytes()
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for frame in frames:
            out.write(b"FRAME\n")
            out.write(np.ascontiguousarray(frame, np.uint8).tobytes())
            out.write(chroma)
    return path


def show_codes(codes, hold=45, gap=30, size=SIZE):
    """Frames showing each (symbology, text, gs1) for `hold` frames, then nothing for `gap`."""
    frames = []
    for symbology, text, gs1 in codes:
        frames += [framed(symbology, text, size, gs1)] * hold
        frames += [blank(size)] * gap
    return frames
