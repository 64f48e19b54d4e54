package io.ladder.evaluate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** PNG charts drawn with java.awt (headless): line curves and grouped bars, y in [0, 1]. */
final class Charts {
    private static final int W = 760;
    private static final int H = 460;
    private static final int LEFT = 60;
    private static final int RIGHT = 180;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
    };

    /** One named series of y values. */
    record Series(String name, double[] values) {}

    private Charts() {}

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** Lines over evenly spaced x labels; the y axis spans [0, max rounded up]. */
    static void lines(Path file, String title, String[] xLabels, List<Series> series)
            throws IOException {
        double top = yTop(series);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(img, title, top);
        int plotW = W - LEFT - RIGHT;
        int n = xLabels.length;
        for (int i = 0; i < n; i++) {
            int x = LEFT + (n == 1 ? plotW / 2 : i * plotW / (n - 1));
            g.setColor(Color.DARK_GRAY);
            g.drawString(xLabels[i], x - 10, H - BOTTOM + 18);
        }
        for (int s = 0; s < series.size(); s++) {
            g.setColor(color(s));
            g.setStroke(new BasicStroke(2.2f));
            double[] v = series.get(s).values();
            int px = -1;
            int py = -1;
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    continue;
                }
                int x = LEFT + (n == 1 ? plotW / 2 : i * plotW / (n - 1));
                int y = y(v[i], top);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            legend(g, s, series.get(s).name());
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("K", LEFT + plotW / 2, H - 12);
        write(img, g, file);
    }

    /** Groups of bars: one group per label, one bar per series. */
    static void bars(Path file, String title, String[] groups, List<Series> series)
            throws IOException {
        double top = yTop(series);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(img, title, top);
        int plotW = W - LEFT - RIGHT;
        int groupW = plotW / Math.max(1, groups.length);
        int barW = Math.max(4, (groupW - 16) / Math.max(1, series.size()));
        for (int gi = 0; gi < groups.length; gi++) {
            int x0 = LEFT + gi * groupW + 8;
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).values()[gi];
                if (!Double.isFinite(v)) {
                    continue;
                }
                int y = y(v, top);
                g.setColor(color(s));
                g.fillRect(x0 + s * barW, y, barW - 2, H - BOTTOM - y);
            }
            g.setColor(Color.DARK_GRAY);
            String label = groups[gi].length() > 14 ? groups[gi].substring(0, 14) : groups[gi];
            g.drawString(label, x0, H - BOTTOM + 18);
        }
        for (int s = 0; s < series.size(); s++) {
            legend(g, s, series.get(s).name());
        }
        write(img, g, file);
    }

    private static double yTop(List<Series> series) {
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        return max <= 0 ? 1.0 : Math.min(1.0, Math.ceil(max * 10 + 1e-9) / 10);
    }

    private static int y(double v, double top) {
        int plotH = H - TOP - BOTTOM;
        return H - BOTTOM - (int) Math.round(plotH * Math.min(v, top) / top);
    }

    private static Graphics2D frame(BufferedImage img, String title, double top) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 24);
        for (int i = 0; i <= 5; i++) {
            double v = top * i / 5;
            int y = y(v, top);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, W - RIGHT, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.2f", v), 16, y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
        g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
        return g;
    }

    private static void legend(Graphics2D g, int i, String name) {
        int x = W - RIGHT + 20;
        int y = TOP + 10 + i * 20;
        g.setColor(color(i));
        g.fillRect(x, y - 9, 14, 10);
        g.setColor(Color.BLACK);
        g.drawString(name, x + 20, y);
    }

    private static void write(BufferedImage img, Graphics2D g, Path file) throws IOException {
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
