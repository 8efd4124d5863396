package org.sadasya.face;

/** An axis-aligned box in image pixels: top-left corner and size. */
public record FaceBox(double x, double y, double width, double height) {
    public FaceBox {
        if (!(width >= 0) || !(height >= 0)) {
            throw new IllegalArgumentException("box size must be non-negative: " + width + "x" + height);
        }
    }

    public static FaceBox ofCorners(double x1, double y1, double x2, double y2) {
        return new FaceBox(x1, y1, x2 - x1, y2 - y1);
    }

    public double x2() {
        return x + width;
    }

    public double y2() {
        return y + height;
    }

    public double area() {
        return width * height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= x2() && py >= y && py <= y2();
    }

    /** Intersection over union, 0..1. */
    public double iou(FaceBox other) {
        double inter = intersection(other);
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Share of this box's area that lies inside {@code other}, 0..1. */
    public double fractionInside(FaceBox other) {
        return area() <= 0 ? 0 : intersection(other) / area();
    }

    private double intersection(FaceBox o) {
        double w = Math.min(x2(), o.x2()) - Math.max(x, o.x);
        double h = Math.min(y2(), o.y2()) - Math.max(y, o.y);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }
}
